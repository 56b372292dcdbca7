using Microsoft.Extensions.Configuration;
using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Tests;

public sealed class IngestionOptionsTests
{
    [Fact]
    public void A_configured_chrome_list_replaces_the_default_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingestion:ChromePhrases:0"] = "Werbung",
            ["Ingestion:ChromePhrases:1"] = "Abonnieren",
        }).Build();

        var rules = ChromeRules.From(configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>()!);

        Assert.Equal(["Werbung", "Abonnieren"], rules.ChromePhrases);
        Assert.Equal(IngestionOptions.DefaultSectionPhrases, rules.SectionPhrases);
    }
}
