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

    // Settled three ways: everyday comments the first screen clears; a threat the rules send to
    // review, which the second screen finds the encoder would leave there; and a first-person
    // threat whose high-precision floor already blocks it, which no model score could lower.
    [Theory]
    [InlineData("Thanks for the clear write-up. Does the report say anything about how many of those visitors came from abroad?", Verdict.Allow)]
    [InlineData("The article misses the point that the schools were consulted last year and nothing changed afterwards.", Verdict.Allow)]
    [InlineData(ThreatForReview, Verdict.Review)]
    [InlineData(BlockedByFloor, Verdict.Block)]
    public async Task A_text_whose_verdict_the_encoder_would_not_change_is_settled_without_it(string text, Verdict verdict)
    {
        var outcome = await Engine.ClassifyAsync(Comment(text));

        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(0, Encoded);
        Assert.Equal(1, Screened);
    }

    // The rules alone allow this insult; read with the encoder, it is flagged.
    [Fact]
    public async Task A_text_with_rule_evidence_whose_verdict_the_encoder_changes_is_read_by_it()
    {
        var outcome = await Engine.ClassifyAsync(Comment("The idiot who wrote this should be fired."));

        Assert.NotEqual(Verdict.Allow, outcome.Verdict);
        Assert.Equal(1, Encoded);
        Assert.Equal(0, Screened);
    }

    // A load test's run tag, a user name, an order reference: words the screens read past, so no
    // such token sends an everyday comment to the encoder (a run tag of random letters once sent a
    // third of them).
    [Theory]
    [InlineData("(#qwhxkzpt-17)")]
    [InlineData("(#poiuytre-12000)")]
    [InlineData("@jon_smith92")]
    [InlineData("ref ZX-99812")]
    [InlineData("xoxo_gamerz")]
    public async Task An_odd_token_after_an_everyday_comment_does_not_send_it_to_the_encoder(string token)
    {
        var outcome = await Engine.ClassifyAsync(Comment($"Interesting numbers. Does the report say anything about how many of those visitors came from abroad? {token}"));

        Assert.Equal(Verdict.Allow, outcome.Verdict);
        Assert.Equal(0, Encoded);
    }

    [Fact]
    public async Task Implicit_hate_without_a_listed_word_is_not_settled_by_the_screen()
    {
        await Engine.ClassifyAsync(Comment("They breed like rats and are taking over our neighbourhoods."));

        Assert.Equal(1, Encoded);
    }

    // Self-harm is taught by the team's examples alone, a few hundred among the corpora's hundred
    // thousand: the screen for all categories settled these as allowed (scored 0) although the
    // encoder puts them at 0.97 and 0.92 self-harm. Its family's own screen sends them on.
    [Theory]
    [InlineData("I keep thinking about jumping off the bridge near my house.")]
    [InlineData("I wrote goodbye letters to my family last night.")]
    public async Task A_wish_to_die_without_a_listed_word_is_read_by_the_encoder_and_reviewed(string text)
    {
        var outcome = await Engine.ClassifyAsync(Comment(text));

        Assert.Equal(1, Encoded);
        Assert.Equal(Verdict.Review, outcome.Verdict);
        Assert.True(outcome.Scores[Categories.SelfHarm] >= 0.5, $"self-harm {outcome.Scores[Categories.SelfHarm]:0.00}");
    }

    // The traffic of every throughput figure: a family's screen that sent some of these everyday
    // comments to the encoder (one in nine did at a 95% recall target) would cost the batch target.
    [Fact]
    public async Task Every_everyday_comment_and_article_of_the_load_drivers_mix_is_settled_without_the_encoder()
    {
        var mix = new Moderation.LoadDriver.ContentMix(seed: 3, reviewShare: 0, Moderation.LoadDriver.ContentMix.NewRunTag());
        var inputs = Enumerable.Range(0, 200).Select(_ => Comment(mix.NextComment().Body))
            .Concat(Enumerable.Range(0, 5).Select(_ => mix.NextArticle()).Select(a => new ClassificationInput(ContentKind.Article, null, [new ContentField("title", a.Title), new ContentField("body", a.Body)])))
            .ToList();

        var outcomes = await Engine.ClassifyManyAsync(inputs);

        Assert.All(outcomes, outcome => Assert.Equal(Verdict.Allow, outcome.Verdict));
        Assert.Equal(0, Encoded);
        Assert.Equal(inputs.Count, Screened);
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
        const string text = "Thanks for the clear write-up. Does the report say anything about how many of those visitors came from abroad?";
        const string strict = "  - { publisher: strict-gazette, review: 0.2, block: 0.9 }\n";

        Assert.Equal(0, await EncodedUnder(strict, "other-gazette", text));
        Assert.Equal(1, await EncodedUnder(strict, "strict-gazette", text));
    }

    // The second screen learned where the shipped thresholds put a verdict; any other block line moves it.
    [Fact]
    public async Task A_publisher_with_other_thresholds_has_its_texts_with_rule_evidence_encoded()
    {
        const string lenient = "  - { publisher: lenient-gazette, review: 0.5, block: 0.95 }\n";

        Assert.Equal(0, await EncodedUnder(lenient, "other-gazette", ThreatForReview));
        Assert.Equal(1, await EncodedUnder(lenient, "lenient-gazette", ThreatForReview));
    }

    /// <summary>How many texts the encoder read to classify <paramref name="text"/> for a publisher, under the shipped policy with one more thresholds line.</summary>
    private static async Task<long> EncodedUnder(string thresholdsLine, string publisher, string text)
    {
        var policyFile = Path.Combine(Path.GetTempPath(), $"publisher-thresholds-{Guid.NewGuid():N}.yaml");
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, ClassificationOptions.DefaultPolicyPath));
        await File.WriteAllTextAsync(policyFile, shipped.Replace("thresholds:\n", "thresholds:\n" + thresholdsLine, StringComparison.Ordinal));
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
            await services.GetRequiredService<ClassificationEngine>()
                .ClassifyAsync(new ClassificationInput(ContentKind.Comment, null, [new ContentField("body", text)], Publisher: publisher));
            return encoded.GetMeasurementSnapshot().Sum(m => m.Value);
        }
        finally
        {
            File.Delete(policyFile);
        }
    }

    private const string ThreatForReview = "Somebody should teach that reporter a lesson. She could be shot on her way home tomorrow, just saying.";

    private const string BlockedByFloor = "I know where you live, and I am going to hurt you.";

    public void Dispose()
    {
        _encoded.Dispose();
        _screened.Dispose();
        _services.Dispose();
    }
}
