namespace Moderation.IntegrationTests;

/// <summary>
/// Tests whose hosts consume the same queues of the test virtual host run one after another, so
/// one test's consumers never take another test's messages.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ";
}
