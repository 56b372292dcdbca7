using MassTransit;
using Moderation.Contracts;

namespace Moderation.Classification.Consumers;

public sealed class ArticleSubmittedConsumer(SingleSubmissions singles) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context) => singles.ClassifyAndPublishAsync(context, Submission.Of(context.Message));
}
