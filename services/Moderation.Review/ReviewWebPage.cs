using Moderation.WebConsole;

namespace Moderation.Review;

/// <summary>The moderators' web page, <c>/review</c>, working the queue through the review API.</summary>
public static class ReviewWebPage
{
    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder routes) =>
        routes.MapWebConsole("review", typeof(ReviewWebPage).Assembly, new Dictionary<string, string> { ["/review"] = "review.html" });
}
