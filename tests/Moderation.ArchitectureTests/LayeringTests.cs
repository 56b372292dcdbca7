using System.Reflection;
using Moderation.ArchitectureTests.Fixtures.Domain;

namespace Moderation.ArchitectureTests;

public class LayeringTests
{
    private const string FixtureScope = "Moderation.ArchitectureTests.Fixtures";

    public static TheoryData<string> Services => [.. LayerRules.ServiceNamespaces];

    public static TheoryData<string> SharedProjects =>
    [
        "Moderation.Contracts", "Moderation.Client", "Moderation.ServiceDefaults",
        "Moderation.Messaging", "Moderation.Storage", "Moderation.WebConsole",
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_uses_no_other_services_code(string service) =>
        Assert.Empty(LayerRules.ServiceUsingAnotherService(Load(service), service, service));

    [Theory]
    [MemberData(nameof(Services))]
    public void A_services_domain_storage_and_consumers_use_their_own_types_not_the_public_APIs_DTOs(string service) =>
        Assert.Empty(LayerRules.InnerLayerUsingPublicApi(Load(service), service));

    [Theory]
    [MemberData(nameof(Services))]
    public void A_services_domain_uses_no_storage_driver(string service)
    {
        var assembly = Load(service);
        Assert.True(LayerRules.DomainTypeCount(assembly) > 0, $"{service} has no types in a Domain namespace: the rule would check nothing.");
        Assert.Empty(LayerRules.DomainUsingStorageDriver(assembly, service));
    }

    [Theory]
    [MemberData(nameof(SharedProjects))]
    public void A_shared_project_uses_no_service_and_no_public_API_DTO(string shared)
    {
        var assembly = Load(shared);
        var failing = LayerRules.SharedUsingServiceOrPublicApi(assembly, shared);
        Assert.Empty(shared == LayerRules.PublicApi ? failing.Where(t => !t.StartsWith(LayerRules.PublicApi, StringComparison.Ordinal)) : failing);
    }

    [Fact]
    public void The_type_rules_name_each_type_that_breaks_them_and_no_other()
    {
        var fixtures = typeof(CleanDomainType).Assembly;
        Assert.Equal(
            [typeof(DomainHoldingApiDto).FullName!],
            LayerRules.InnerLayerUsingPublicApi(fixtures, FixtureScope));
        Assert.Equal(
            [typeof(DomainHoldingDriver).FullName!],
            LayerRules.DomainUsingStorageDriver(fixtures, FixtureScope));
        Assert.Equal(
            [typeof(ServiceUsingReview).FullName!],
            LayerRules.ServiceUsingAnotherService(fixtures, FixtureScope, "Moderation.Ingestion"));
        Assert.Contains(typeof(DomainHoldingApiDto).FullName!, LayerRules.SharedUsingServiceOrPublicApi(fixtures, FixtureScope));
        Assert.Contains(typeof(ServiceUsingReview).FullName!, LayerRules.SharedUsingServiceOrPublicApi(fixtures, FixtureScope));
    }

    private static Assembly Load(string name) => Assembly.Load(name);
}
