using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Review.Storage;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>The Review service on its own over a SQLite file: events in through its bus, people through its HTTP API.</summary>
internal sealed class ReviewTestHost : IAsyncDisposable
{
    private ReviewTestHost(ServiceHost host) => Host = host;

    public ServiceHost Host { get; }

    public IReviewQueue Queue => Host.Services.GetRequiredService<IReviewQueue>();

    /// <param name="clock">The service's clock, for tests whose subject is time (a lease running out); the system's by default.</param>
    public static async Task<ReviewTestHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null, TimeProvider? clock = null) =>
        new(await ServiceHost.StartAsync("review-test", configuration ?? new Dictionary<string, string?>(), b =>
        {
            if (clock is not null)
            {
                b.Services.AddSingleton(clock);
            }

            b.AddReview();
        }, r => r.MapReview()));

    public IReviewApi Api(string? key) => Host.Client<IReviewApi>(key);

    /// <summary>Publishes a comment and its classification as Ingestion and Classification would.</summary>
    public async Task<Guid> SubmitCommentAsync(string text, ContentClassified? classified = null, Guid? commentId = null, Guid? parentCommentId = null)
    {
        var submissionId = classified?.SubmissionId ?? Guid.NewGuid();
        var bus = Host.Services.GetRequiredService<IBus>();
        await bus.Publish(new CommentSubmitted(submissionId, commentId ?? Guid.NewGuid(), Guid.NewGuid(), parentCommentId, "news.example", "reader", text, "The article", DateTimeOffset.UtcNow, Publisher: TestKeys.Publisher));
        await bus.Publish(classified ?? ReviewSamples.Classified(submissionId, Verdict.Review, at: DateTimeOffset.UtcNow));
        return submissionId;
    }

    /// <summary>A comment with a Review verdict, once it shows in the queue.</summary>
    public async Task<ReviewItemView> QueueCommentAsync(string text, ContentClassified? classified = null, Guid? commentId = null, Guid? parentCommentId = null)
    {
        var submissionId = await SubmitCommentAsync(text, classified, commentId, parentCommentId);
        var api = Api(TestKeys.Admin);
        var page = await Eventually.GetAsync(() => api.ListItemsAsync(pageSize: 100), p => p.Items.Any(i => i.SubmissionId == submissionId), what: "the item in the queue");
        return page.Items.Single(i => i.SubmissionId == submissionId);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
