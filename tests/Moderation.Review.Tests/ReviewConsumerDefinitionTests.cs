using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.Review.Tests;

/// <summary>Every consumer comes with a definition that puts it on the one review queue, its concurrency left to the bus options.</summary>
public class ReviewConsumerDefinitionTests
{
    public static TheoryData<Type> Consumers { get; } =
        [.. typeof(ReviewService).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IConsumer)))];

    [Theory]
    [MemberData(nameof(Consumers))]
    public void A_consumer_is_registered_with_a_definition_that_names_the_review_queue(Type consumer)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(ReviewService.AddConsumers);
        using var provider = services.BuildServiceProvider();

        var definition = (IConsumerDefinition)provider.GetRequiredService(typeof(IConsumerDefinition<>).MakeGenericType(consumer));

        Assert.Equal(consumer.Name + "Definition", definition.GetType().Name);
        Assert.Equal(ReviewService.QueueName, definition.GetEndpointName(KebabCaseEndpointNameFormatter.Instance));
        Assert.Null(definition.ConcurrentMessageLimit);
    }

    [Fact]
    public void All_five_consumers_are_found()
    {
        Assert.Equal(5, Consumers.Count);
    }
}
