using System.ComponentModel.DataAnnotations;
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

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1_000, true)]
    [InlineData(1_001, false)]
    public void Items_per_batch_message_must_be_between_1_and_1000(int items, bool valid)
    {
        var options = new IngestionOptions { MaxItemsPerBatchMessage = items };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Contains(nameof(IngestionOptions.MaxItemsPerBatchMessage), e.MemberNames));
    }

    [Theory]
    [InlineData(65_535, false)]
    [InlineData(65_536, true)]
    [InlineData(67_108_864, true)]
    [InlineData(67_108_865, false)]
    public void Bytes_per_batch_message_must_be_between_64_KiB_and_64_MiB(int bytes, bool valid)
    {
        var options = new IngestionOptions { MaxBatchMessageBytes = bytes };
        var errors = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.All(errors, e => Assert.Contains(nameof(IngestionOptions.MaxBatchMessageBytes), e.MemberNames));
    }
}
