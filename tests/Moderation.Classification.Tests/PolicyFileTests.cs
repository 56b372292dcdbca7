using Moderation.Classification.Policy;

namespace Moderation.Classification.Tests;

public class PolicyFileTests
{
    private static readonly string Default = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy", "default-policy.yaml"));

    [Fact]
    public void The_shipped_policy_compiles_and_names_its_version() =>
        Assert.Equal("default-2026.12.07.2", PolicyCompiler.Parse(Default).Version);

    [Theory]
    [InlineData("version: default-2026.12.07.2", "version: \"\"", "version")]
    [InlineData("- { review: 0.5, block: 0.9 }", "- { review: 0.95, block: 0.2 }", "thresholds[0]")]
    [InlineData("  violence/graphic:\n", "  violence/gory:\n", "categories.violence/gory")]
    [InlineData("regex: '\\bi know where", "regex: '(\\bi know where", "regex")]
    [InlineData("kinds:\n  article: [news_article]", "kinds:\n  article: [newsroom]", "kinds.article")]
    [InlineData("weight: 0.45", "weight: 4.5", "weight 4.5")]
    [InlineData("thresholds:", "thresholds: [", "not valid YAML")]
    [InlineData("innocent_phrases: [cum laude,", "innocent_phrases: [\"\",", "innocent_phrases[0]")]
    public void A_policy_that_cannot_be_used_is_refused_with_the_place_and_reason(string find, string replace, string named)
    {
        Assert.Contains(find, Default, StringComparison.Ordinal);
        var error = Assert.Throws<PolicyException>(() => PolicyCompiler.Parse(Default.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_specific_threshold_line_wins()
    {
        var policy = PolicyCompiler.Parse(Default.Replace("thresholds:\n", "thresholds:\n  - { category: spam, source: shop.example, review: 0.2, block: 0.3 }\n", StringComparison.Ordinal));
        Assert.Equal((0.2, 0.3), policy.ThresholdsFor("spam", Contracts.ContentKind.Comment, "shop.example"));
        Assert.Equal((0.5, 0.9), policy.ThresholdsFor("spam", Contracts.ContentKind.Comment, "other.example"));
        Assert.Equal((0.7, 0.95), policy.ThresholdsFor("violence", Contracts.ContentKind.Article, null));
    }
}
