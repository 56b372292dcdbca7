namespace Moderation.Client;

public sealed record ModelVersionsPage(IReadOnlyList<ModelVersionView> Models, string? Promoted);
