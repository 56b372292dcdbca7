using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>The two people's walk across the four services as four hosts on the test broker, each trusting the issuer.</summary>
public sealed class FourServiceWalkTests : IAsyncLifetime
{
    private readonly List<ServiceHost> _hosts = [];
    private TestIssuer? _issuer;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.RabbitMqHost is null)
        {
            return;
        }

        _issuer = await TestIssuer.StartAsync(TwoPersonWalk.People);
        var configuration = new Dictionary<string, string?>(_issuer.ServiceConfiguration)
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = TestEnvironment.RabbitMqHost,
            ["Bus:RabbitMq:VirtualHost"] = TestEnvironment.RabbitMqVirtualHost,
        };
        foreach (var service in new[] { SecurityHosts.Ingestion, SecurityHosts.Classification, SecurityHosts.Review, SecurityHosts.Audit })
        {
            _hosts.Add(await SecurityHosts.StartAsync(service, configuration));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Two_people_signed_in_with_their_own_tokens_walk_a_threat_through_removal_and_appeal_across_four_services()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await new TwoPersonWalk(_issuer!, _hosts[0], _hosts[2], _hosts[3]).WalkAsync();
    }
}
