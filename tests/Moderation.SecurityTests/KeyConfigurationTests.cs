using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Moderation.Corpora;
using Moderation.ServiceDefaults;

namespace Moderation.SecurityTests;

/// <summary>
/// Keys belong to one holder each: a person, or one publisher's ingest client. The embedded default
/// and every deployment file configure them so, and a submitter key without its publisher is refused.
/// </summary>
public sealed partial class KeyConfigurationTests
{
    [Fact]
    public async Task A_submitter_key_without_a_publisher_stops_the_service_at_start()
    {
        var start = SecurityHosts.StartAsync(SecurityHosts.Audit, new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:200:Name"] = "nobodys-ingest",
            ["Auth:ApiKeys:200:Key"] = "nobodys-ingest-key",
            ["Auth:ApiKeys:200:Roles:0"] = "submitter",
        });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => start);
        Assert.Contains("(nobodys-ingest): a submitter key needs the Publisher it submits for.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev-submitter-key", "townhall-ingest", Roles.Submitter, "townhall")]
    [InlineData("dev-gazette-key", "gazette-ingest", Roles.Submitter, "gazette")]
    [InlineData("dev-alice-key", "alice", Roles.Moderator, null)]
    [InlineData("dev-bob-key", "bob", Roles.Moderator, null)]
    [InlineData("dev-carol-key", "carol", Roles.SeniorModerator, null)]
    [InlineData("dev-dave-key", "dave", Roles.Auditor, null)]
    [InlineData("dev-erin-key", "erin", Roles.Admin, null)]
    public void Each_demo_key_of_the_embedded_default_belongs_to_one_person_or_one_publisher(string key, string holder, string role, string? publisher)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryFolder.Find(), "services", "Moderation.AllInOne", "appsettings.json"))
            .Build();
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()!;
        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        var found = new ApiKeyRing(Options.Create(options)).Find(key);

        Assert.NotNull(found);
        Assert.Equal(holder, found.Name);
        Assert.Equal([role], found.Roles);
        Assert.Equal(publisher, found.Publisher);
    }

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("deploy/k8s/config.env")]
    [InlineData("deploy/local/demo-keys.env")]
    public void Deployment_files_give_every_key_a_holder_that_is_no_role_and_every_submitter_a_publisher(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Find(), file));
        var settings = Setting().Matches(text).ToDictionary(m => (Index: int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture), Field: m.Groups["field"].Value), m => m.Groups["value"].Value.Trim());
        var indexes = settings.Keys.Select(k => k.Index).Distinct().ToList();

        Assert.True(indexes.Count >= 7, $"{file} configures {indexes.Count} keys: a person each for two moderators, a senior moderator, an auditor and an admin, and two publishers' clients.");
        foreach (var index in indexes)
        {
            var name = settings[(index, "Name")];
            var role = settings[(index, "Roles__0")];
            Assert.DoesNotContain(Roles.All, r => name.Contains(r, StringComparison.OrdinalIgnoreCase));
            Assert.True(role != Roles.Submitter || settings.ContainsKey((index, "Publisher")), $"{file}: the submitter key {name} names no publisher.");
        }

        Assert.Equal(2, indexes.Count(i => settings[(i, "Roles__0")] == Roles.Moderator));
        Assert.Equal(indexes.Count, indexes.Select(i => settings[(i, "Name")]).Distinct().Count());
    }

    /// <summary><c>Auth__ApiKeys__N__Field=value</c> (env files) or <c>Auth__ApiKeys__N__Field: value</c> (compose).</summary>
    [GeneratedRegex(@"^\s*Auth__ApiKeys__(?<index>\d+)__(?<field>Name|Roles__0|Publisher)\s*[:=]\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex Setting();
}
