namespace Moderation.Client;

/// <summary>One page of the queue; <see cref="PastSla"/> counts the undecided items (of the filter) past their SLA.</summary>
public sealed record ReviewItemsPage(IReadOnlyList<ReviewItemView> Items, int Page, int PageSize, long Total, long PastSla = 0);
