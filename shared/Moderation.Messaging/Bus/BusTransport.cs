namespace Moderation.Messaging;

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
