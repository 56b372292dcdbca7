using Moderation.Classification.Policy;

namespace Moderation.Classification.Tests;

public class PolicyFileTests
{
    private static readonly string Default = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy", "default-policy.yaml"));

    [Fact]
    public void The_shipped_policy_compiles_and_names_its_version() =>
        Assert.Equal("default-2026.12.08.9", PolicyCompiler.Parse(Default).Version);

    [Theory]
    [InlineData("version: default-2026.12.08.9", "version: \"\"", "version")]
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
        Assert.Equal((0.5, 0.99), policy.ThresholdsFor("spam", Contracts.ContentKind.Comment, "other.example"));
        Assert.Equal((0.5, 0.9), policy.ThresholdsFor("hate", Contracts.ContentKind.Comment, "other.example"));
        Assert.Equal((0.7, 0.95), policy.ThresholdsFor("violence", Contracts.ContentKind.Article, null));
    }
}

public class ModelTextTests
{
    private static readonly string Default = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy", "default-policy.yaml"));

    [Theory]
    [InlineData("Dick Van Dyke was in Mary Poppins", " was in Mary Poppins")]
    [InlineData("She graduated MAGNA CUM LAUDE, twice.", "She graduated , twice.")]
    [InlineData("A chink in the armour, and a chink in the armor.", "A , and a .")]
    [InlineData("What a C*nt.", "What a cunt.")]
    [InlineData("go f*ck yourself, a**hole", "go fuck yourself, asshole")]
    [InlineData("s**t happens", "s**t happens")]
    public void The_models_read_a_text_without_the_policys_innocent_phrases_and_with_its_masked_words_read(string text, string read) =>
        Assert.Equal(read, Domain.ContentClassifier.ModelText(PolicyCompiler.Parse(Default), text));

    [Fact]
    public void A_text_without_an_innocent_phrase_reaches_the_models_as_written()
    {
        const string Text = "Dick, you are a disgrace to this town.";
        Assert.Same(Text, Domain.ContentClassifier.ModelText(PolicyCompiler.Parse(Default), Text));
    }

    [Fact]
    public void A_policy_without_innocent_phrases_cuts_nothing_from_the_text()
    {
        var policy = PolicyCompiler.Parse(string.Join('\n', Default.Split('\n').Where(line => !line.StartsWith("innocent_phrases:", StringComparison.Ordinal))));
        Assert.Equal("Dick Van Dyke was in Mary Poppins", Domain.ContentClassifier.ModelText(policy, "Dick Van Dyke was in Mary Poppins"));
    }

    [Fact]
    public void The_fields_of_a_submission_are_read_as_lines_without_their_innocent_phrases()
    {
        var input = new Domain.ClassificationInput(Contracts.ContentKind.Article, null,
            [new Domain.ContentField("title", "Moby Dick at 175"), new Domain.ContentField("body", "Still the great novel.")]);
        Assert.Equal(" at 175\nStill the great novel.", Domain.ContentClassifier.ModelText(PolicyCompiler.Parse(Default), input));
    }
}
