using Moderation.Testing;

namespace Moderation.SecurityTests;

/// <summary>
/// A test issuer that knows <see cref="People"/>, and the four services in one host that trust it,
/// shared by the tests of a class as its fixture.
/// </summary>
public abstract class IssuedPlatform : IAsyncLifetime
{
    public TestIssuer Issuer { get; private set; } = null!;

    public ServiceHost Host { get; private set; } = null!;

    protected abstract IReadOnlyList<TestPerson> People { get; }

    /// <summary>Settings of the host beside those that make it trust the issuer.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync(People);
        var configuration = new Dictionary<string, string?>(Issuer.ServiceConfiguration);
        foreach (var (key, value) in Configuration)
        {
            configuration[key] = value;
        }

        Host = await SecurityHosts.StartAllInOneAsync(configuration);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
