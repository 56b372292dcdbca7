using MassTransit;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

public sealed class CommentSubmittedConsumer(SingleSubmissions singles) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context) => singles.ClassifyAndPublishAsync(context, Submission.Of(context.Message));
}
