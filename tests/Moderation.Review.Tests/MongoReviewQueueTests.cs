using Moderation.Review.Storage;
using Moderation.Testing;

namespace Moderation.Review.Tests;

/// <summary>The review queue's contract on MongoDB; skipped without a server (<see cref="TempMongo"/>).</summary>
public sealed class MongoReviewQueueTests : ReviewQueueContract
{
    private TempMongo? _mongo;

    protected override IReviewQueue CreateQueue()
    {
        _mongo ??= new TempMongo();
        return new MongoReviewQueue(_mongo.Database);
    }

    protected override void DisposeQueue() => _mongo?.Dispose();
}
