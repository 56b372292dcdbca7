using Moderation.Contracts;

namespace Moderation.Corpora.Tests;

public sealed class CleaningTests
{
    private static CorpusText Text(string source, string id, string text, CorpusSplit split, params (string, int)[] labels) =>
        new(source, id, text, ContentKind.Comment, split, labels.ToDictionary(l => l.Item1, l => l.Item2));

    [Fact]
    public void Hash_split_is_stable_and_about_70_10_20()
    {
        Assert.Equal(PublicCorpora.HashSplit("sms_spam", "17"), PublicCorpora.HashSplit("sms_spam", "17"));
        var splits = Enumerable.Range(0, 20_000).Select(i => PublicCorpora.HashSplit("unit", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.InRange(splits.Count(s => s == CorpusSplit.Train) / 20_000.0, 0.68, 0.72);
        Assert.InRange(splits.Count(s => s == CorpusSplit.Calibration) / 20_000.0, 0.09, 0.11);
        Assert.InRange(splits.Count(s => s == CorpusSplit.Test) / 20_000.0, 0.19, 0.21);
    }

    [Fact]
    public void Hash_split_depends_on_the_source_as_well_as_the_id()
    {
        var differ = Enumerable.Range(0, 200).Count(i =>
            PublicCorpora.HashSplit("a", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) !=
            PublicCorpora.HashSplit("b", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.InRange(differ, 50, 200);
    }

    [Fact]
    public void Normalising_trims_collapses_whitespace_and_lower_cases()
    {
        Assert.Equal("you are an idiot", PublicCorpora.Normalise("  You  are\tan\n IDIOT "));
        Assert.Equal("", PublicCorpora.Normalise(" \t\n"));
    }

    [Fact]
    public void A_later_duplicate_within_a_source_is_dropped_and_the_first_kept()
    {
        var cleaned = PublicCorpora.Clean(
        [
            Text("s", "1", "Buy now!", CorpusSplit.Train, (Categories.Spam, 1)),
            Text("s", "2", "  buy   NOW! ", CorpusSplit.Train, (Categories.Spam, 0)),
            Text("t", "1", "buy now!", CorpusSplit.Train, (Categories.Spam, 1)),
        ]);
        Assert.Equal([("s", "1"), ("t", "1")], cleaned.Select(t => (t.Source, t.Id)));
    }

    [Fact]
    public void A_text_in_any_test_split_leaves_every_train_and_calibration_split()
    {
        var cleaned = PublicCorpora.Clean(
        [
            Text("a", "1", "You are a clown", CorpusSplit.Train, (Categories.Harassment, 1)),
            Text("b", "1", "you are a  clown", CorpusSplit.Calibration, (Categories.Harassment, 1)),
            Text("c", "1", "YOU ARE A CLOWN", CorpusSplit.Test, (Categories.Hate, 0)),
            Text("a", "2", "You are a clown", CorpusSplit.Test, (Categories.Harassment, 1)),
            Text("a", "3", "Nice day", CorpusSplit.Train, (Categories.Harassment, 0)),
        ]);
        Assert.Equal([("c", "1"), ("a", "2"), ("a", "3")], cleaned.Select(t => (t.Source, t.Id)));
    }

    [Fact]
    public void Empty_texts_are_dropped_and_long_ones_cut()
    {
        var cleaned = PublicCorpora.Clean(
        [
            Text("s", "1", "   ", CorpusSplit.Train, (Categories.Spam, 0)),
            Text("s", "2", new string('a', 6_000), CorpusSplit.Train, (Categories.Spam, 0)),
        ]);
        var only = Assert.Single(cleaned);
        Assert.Equal(PublicCorpora.MaxTextLength, only.Text.Length);
    }

    [Fact]
    public void A_positive_sub_category_makes_its_parent_positive()
    {
        var cleaned = PublicCorpora.Clean(
        [
            Text("s", "1", "I will find you", CorpusSplit.Train, (Categories.HarassmentThreatening, 1), (Categories.Harassment, 0)),
            Text("s", "2", "kill them all", CorpusSplit.Train, (Categories.HateThreatening, 1)),
            Text("s", "3", "hello", CorpusSplit.Train, (Categories.HateThreatening, 0)),
        ]);
        Assert.Equal(1, cleaned[0].Labels[Categories.Harassment]);
        Assert.Equal(1, cleaned[1].Labels[Categories.Hate]);
        Assert.False(cleaned[2].Labels.ContainsKey(Categories.Hate));
    }

    [Fact]
    public void Toxic_spans_majority_decides_each_type()
    {
        static (bool, bool, HashSet<string>?) A(params string[] types) => (false, false, types.Length == 0 ? null : [.. types]);
        static (bool, bool, HashSet<string>?) NoSpans() => (true, true, null);

        // Two of three insult; one of three threat is neither a majority nor under a third: unknown.
        var labels = SourceReaders.ToxicSpansLabels([A("Insult"), A("Insult", "Threat"), A("Profane")])!;
        Assert.Equal(1, labels[Categories.Harassment]);
        Assert.Equal(0, labels[Categories.Hate]);
        Assert.False(labels.ContainsKey(Categories.Violence));
        Assert.False(labels.ContainsKey(Categories.Profanity));

        // Most annotators marked no span: what they meant is not recorded, so nothing is known.
        Assert.Null(SourceReaders.ToxicSpansLabels([NoSpans(), NoSpans(), A("Insult")]));

        var threat = SourceReaders.ToxicSpansLabels([A("Threat"), A("Threat"), NoSpans()])!;
        Assert.Equal(1, threat[Categories.HarassmentThreatening]);
        Assert.Equal(1, threat[Categories.Violence]);
    }

    [Theory]
    [InlineData("name_adj", "Myesha is a nice african american", "african american")]
    [InlineData("you_are_adj", "You are a great lesbian", "lesbian")]
    [InlineData("you_occupation", "You are a fantastic computer programmer", "computer programmer")]
    [InlineData("being_adj", "Being lgbt is fun", "lgbt")]
    [InlineData("am_hate_adj", "I hate blind", "blind")]
    [InlineData("verb_adj", "hug lesbian", "lesbian")]
    public void The_identity_term_is_read_from_the_template_sentence(string template, string text, string term) =>
        Assert.Equal(term, SourceReaders.IdentityTerm(template, text));

    [Fact]
    public void Team_examples_keep_their_labels_and_reject_unknown_categories()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"id":"t1","text":"I will hurt myself tonight","labels":{"self-harm/intent":1,"spam":0},"group":"self-harm"}""",
                "",
                """{"text":"Great article","labels":{"harassment":0}}""",
            ]);
            var texts = SourceReaders.Team(path).ToList();
            Assert.Equal(["t1", "3"], texts.Select(t => t.Id));
            Assert.Equal(1, texts[0].Labels[Categories.SelfHarmIntent]);
            Assert.Equal("self-harm", texts[0].Group);
            Assert.All(texts, t => Assert.Equal("team", t.Source));

            File.WriteAllLines(path, ["""{"text":"x","labels":{"toxic":1}}"""]);
            Assert.Throws<InvalidDataException>(() => SourceReaders.Team(path).ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
