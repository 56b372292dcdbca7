namespace Moderation.Classification.Consumers;

/// <summary>The endpoint settings of <see cref="ModerationDecidedConsumer"/>.</summary>
public sealed class ModerationDecidedConsumerDefinition : ClassificationConsumerDefinition<ModerationDecidedConsumer>;
