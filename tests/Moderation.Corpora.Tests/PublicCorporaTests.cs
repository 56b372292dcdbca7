using Moderation.Contracts;
using Xunit.Abstractions;

namespace Moderation.Corpora.Tests;

[Collection(CorporaCollection.Name)]
public sealed class PublicCorporaTests(LoadedCorpora corpora, ITestOutputHelper output)
{
    // Rows each source holds upstream (README.md of the corpora, or counted), and the share that may go to
    // de-duplication and to rows without usable labels before the count is suspicious.
    [SkippableTheory]
    [InlineData("toxic_spans", 16_100, 0.45)]
    [InlineData("edos", 20_000, 0.05)]
    [InlineData("tweeteval_hate", 12_970, 0.05)]
    [InlineData("tweeteval_offensive", 14_100, 0.05)]
    [InlineData("hatecheck", 3_728, 0.05)]
    [InlineData("convabuse", 4_185, 0.35)]
    [InlineData("mlma", 5_647, 0.15)]
    [InlineData("civil_bias_testset", 1_492, 0.05)]
    [InlineData("identity_templates", 76_564, 0.05)]
    [InlineData("context_toxicity", 20_000, 0.05)]
    [InlineData("presidio", 1_500, 0.55)]
    [InlineData("xstest", 450, 0.02)]
    [InlineData("sms_spam", 5_572, 0.12)]
    [InlineData("youtube_spam", 1_956, 0.12)]
    public void Each_source_yields_about_as_many_texts_as_it_holds(string source, int upstreamRows, double allowedLoss)
    {
        var texts = Texts();
        var count = texts.Count(t => t.Source == source);
        output.WriteLine($"{source}: {count} of {upstreamRows}");
        Assert.InRange(count, (int)(upstreamRows * (1 - allowedLoss)), upstreamRows);
    }

    [SkippableFact]
    public void Labels_are_taxonomy_categories_with_0_or_1()
    {
        var categories = Categories.All.ToHashSet(StringComparer.Ordinal);
        foreach (var text in Texts())
        {
            Assert.All(text.Labels, l =>
            {
                Assert.Contains(l.Key, categories);
                Assert.InRange(l.Value, 0, 1);
            });
            Assert.Equal(ContentKind.Comment, text.Kind);
            Assert.False(string.IsNullOrWhiteSpace(text.Text));
            Assert.InRange(text.Text.Length, 1, PublicCorpora.MaxTextLength);
        }
    }

    [SkippableFact]
    public void Each_source_labels_only_the_categories_its_description_names()
    {
        var declared = PublicCorpora.Sources.ToDictionary(s => s.Name, s => s.Categories.ToHashSet(StringComparer.Ordinal));
        foreach (var group in Texts().GroupBy(t => t.Source))
        {
            Assert.True(declared.ContainsKey(group.Key), $"{group.Key} is not in Sources");
            var used = group.SelectMany(t => t.Labels.Keys).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(declared[group.Key], used);
        }
    }

    [SkippableFact]
    public void No_test_text_is_trained_or_calibrated_on()
    {
        var texts = Texts();
        var test = texts.Where(t => t.Split == CorpusSplit.Test).Select(t => PublicCorpora.Normalise(t.Text)).ToHashSet(StringComparer.Ordinal);
        var leaked = texts.Where(t => t.Split != CorpusSplit.Test && test.Contains(PublicCorpora.Normalise(t.Text))).ToList();
        Assert.Empty(leaked);
    }

    [SkippableFact]
    public void No_source_holds_the_same_text_twice()
    {
        foreach (var group in Texts().GroupBy(t => t.Source))
        {
            var keys = group.Select(t => PublicCorpora.Normalise(t.Text)).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(group.Count(), group.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [SkippableFact]
    public void A_positive_sub_category_has_a_positive_parent()
    {
        foreach (var text in Texts())
        {
            foreach (var (category, value) in text.Labels)
            {
                if (value == 1 && PublicCorpora.ParentOf(category) is { } parent)
                {
                    Assert.True(text.Labels.TryGetValue(parent, out var p) && p == 1,
                        $"{text.Source}/{text.Id}: {category}=1 but {parent} is not 1");
                }
            }
        }
    }

    [SkippableFact]
    public void Loading_again_gives_the_same_texts_in_the_same_order()
    {
        var first = Texts();
        var again = PublicCorpora.Load(corpora.Root!);
        Assert.Equal(first.Count, again.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal((first[i].Source, first[i].Id, first[i].Text, first[i].Split, first[i].Group),
                (again[i].Source, again[i].Id, again[i].Text, again[i].Split, again[i].Group));
            Assert.Equal(first[i].Labels.OrderBy(l => l.Key, StringComparer.Ordinal),
                again[i].Labels.OrderBy(l => l.Key, StringComparer.Ordinal));
        }
    }

    [SkippableFact]
    public void Sources_name_a_commit_and_licence_for_every_loaded_source()
    {
        Skip.If(corpora.Root is null, LoadedCorpora.MissingReason);
        var sources = PublicCorpora.ReadSources(corpora.Root!);
        foreach (var source in sources.Where(s => s.Folder is not null))
        {
            Assert.Matches("^[0-9a-f]{40}$", source.Commit ?? "");
            Assert.False(string.IsNullOrWhiteSpace(source.Licence));
            Assert.True(Directory.Exists(Path.Combine(corpora.Root!, source.Folder!)), source.Folder);
        }

        var loaded = Texts().Select(t => t.Source).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(sources.Where(s => s.Loaded).Select(s => s.Name).ToHashSet(StringComparer.Ordinal), loaded);
    }

    [SkippableFact]
    public void Summary_and_load_time()
    {
        var texts = Texts();
        output.WriteLine($"loaded {texts.Count} texts in {corpora.LoadTime.TotalSeconds:F1} s");
        foreach (var line in PublicCorpora.Describe(texts))
        {
            output.WriteLine(line);
        }

        Assert.Contains(PublicCorpora.Describe(texts), l => l.StartsWith("all test ", StringComparison.Ordinal));
    }

    private IReadOnlyList<CorpusText> Texts()
    {
        Skip.If(corpora.Texts is null, LoadedCorpora.MissingReason);
        return corpora.Texts!;
    }
}
