namespace Moderation.Classification.Consumers;

/// <summary>The endpoint settings of <see cref="ArticleSubmittedConsumer"/>.</summary>
public sealed class ArticleSubmittedConsumerDefinition : ClassificationConsumerDefinition<ArticleSubmittedConsumer>;
