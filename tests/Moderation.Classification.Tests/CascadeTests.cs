using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Tests;

/// <summary>
/// The cascade as the service runs it: what cheap evidence settles never reaches the encoder, and
/// the share it does reach is counted where operators read it.
/// </summary>
public sealed class CascadeTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddMetrics()
        .AddOptions<ClassificationOptions>().Services
        .AddClassificationEngine()
        .BuildServiceProvider();

    private readonly MetricCollector<long> _encoded;
    private readonly MetricCollector<long> _screened;

    public CascadeTests()
    {
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _encoded = new MetricCollector<long>(meters, ClassificationMetrics.MeterName, "moderation.encoder.texts");
        _screened = new MetricCollector<long>(meters, ClassificationMetrics.MeterName, "moderation.encoder.screened");
    }

    private ClassificationEngine Engine => _services.GetRequiredService<ClassificationEngine>();

    private static ClassificationInput Comment(string text) => new(ContentKind.Comment, null, [new ContentField("body", text)]);

    private long Encoded => _encoded.GetMeasurementSnapshot().Sum(m => m.Value);

    private long Screened => _screened.GetMeasurementSnapshot().Sum(m => m.Value);

    // Settled both ways: everyday comments the screen clears, and a first-person threat whose
    // high-precision floor already blocks it, which no model score could lower.
    [Theory]
    [InlineData("Thanks for the clear write-up. Does the report say anything about how many of those visitors came from abroad?", Verdict.Allow)]
    [InlineData("The article misses the point that the schools were consulted last year and nothing changed afterwards.", Verdict.Allow)]
    [InlineData(BlockedByFloor, Verdict.Block)]
    public async Task A_clear_text_is_settled_with_its_verdict_without_the_encoder(string text, Verdict verdict)
    {
        var outcome = await Engine.ClassifyAsync(Comment(text));

        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(0, Encoded);
        Assert.Equal(1, Screened);
    }

    [Fact]
    public async Task A_threat_the_rules_send_to_review_is_read_by_the_encoder_too()
    {
        var outcome = await Engine.ClassifyAsync(Comment("Somebody should teach that reporter a lesson. She could be shot on her way home tomorrow, just saying."));

        Assert.NotEqual(Verdict.Allow, outcome.Verdict);
        Assert.Equal(1, Encoded);
        Assert.Equal(0, Screened);
    }

    [Fact]
    public async Task Implicit_hate_without_a_listed_word_is_not_settled_by_the_screen()
    {
        await Engine.ClassifyAsync(Comment("They breed like rats and are taking over our neighbourhoods."));

        Assert.Equal(1, Encoded);
    }

    [Fact]
    public async Task In_a_batch_only_the_unsettled_texts_are_encoded()
    {
        var outcomes = await Engine.ClassifyManyAsync([
            Comment("Thanks for the clear write-up. Does the report say anything about how many of those visitors came from abroad?"),
            Comment("They breed like rats and are taking over our neighbourhoods."),
            Comment(BlockedByFloor),
        ]);

        Assert.Equal(3, outcomes.Count);
        Assert.Equal(1, Encoded);
        Assert.Equal(2, Screened);
    }

    [Fact]
    public async Task A_publisher_stricter_than_the_screen_was_distilled_at_has_its_everyday_comments_encoded()
    {
        var policyFile = Path.Combine(Path.GetTempPath(), $"strict-publisher-{Guid.NewGuid():N}.yaml");
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, ClassificationOptions.DefaultPolicyPath));
        await File.WriteAllTextAsync(policyFile, shipped.Replace("thresholds:\n", "thresholds:\n  - { publisher: strict-gazette, review: 0.2, block: 0.9 }\n", StringComparison.Ordinal));
        try
        {
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddMetrics()
                .Configure<ClassificationOptions>(o => o.PolicyPath = policyFile)
                .AddClassificationEngine()
                .BuildServiceProvider();
            var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            using var encoded = new MetricCollector<long>(meters, ClassificationMetrics.MeterName, "moderation.encoder.texts");
            var engine = services.GetRequiredService<ClassificationEngine>();
            const string text = "Thanks for the clear write-up. Does the report say anything about how many of those visitors came from abroad?";

            await engine.ClassifyAsync(new ClassificationInput(ContentKind.Comment, null, [new ContentField("body", text)], Publisher: "other-gazette"));
            Assert.Equal(0, encoded.GetMeasurementSnapshot().Sum(m => m.Value));

            await engine.ClassifyAsync(new ClassificationInput(ContentKind.Comment, null, [new ContentField("body", text)], Publisher: "strict-gazette"));
            Assert.Equal(1, encoded.GetMeasurementSnapshot().Sum(m => m.Value));
        }
        finally
        {
            File.Delete(policyFile);
        }
    }

    private const string BlockedByFloor = "I know where you live, and I am going to hurt you.";

    public void Dispose()
    {
        _encoded.Dispose();
        _screened.Dispose();
        _services.Dispose();
    }
}
