using Moderation.Client;
using Moderation.Review;
using MongoDB.Driver;

namespace Moderation.ArchitectureTests.Fixtures.Domain;

/// <summary>A domain type carrying the public API's DTO: what <see cref="LayerRules.InnerLayerUsingPublicApi"/> must catch.</summary>
public sealed record DomainHoldingApiDto(SubmissionView View);

/// <summary>A domain type reaching for the MongoDB driver: what <see cref="LayerRules.DomainUsingStorageDriver"/> must catch.</summary>
public sealed record DomainHoldingDriver(IMongoCollection<string> Collection);

/// <summary>A type using another service's code: what <see cref="LayerRules.ServiceUsingAnotherService"/> must catch.</summary>
public static class ServiceUsingReview
{
    public static Type Registration => typeof(ReviewService);
}

/// <summary>A domain type that keeps every rule.</summary>
public sealed record CleanDomainType(string Text);
