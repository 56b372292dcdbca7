using Moderation.Classification.Domain;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>The shipped default model read through the encoder, as the service classifies.</summary>
public sealed class DefaultModelTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly CompiledPolicy Policy = CompiledPolicy.LoadDefault();
    private static readonly DefaultModel Model = DefaultModel.LoadShipped() ?? throw new InvalidOperationException("The build ships no default model.");

    private ClassificationOutcome Classify(ContentKind kind, params ContentField[] fields)
    {
        var input = new ClassificationInput(kind, "news.example", fields);
        return ContentClassifier.Classify(Policy, new ModelReading(Model, null, fixture.Encoder.Encode([ContentClassifier.ModelText(Policy, input)])[0]), input);
    }

    private ClassificationOutcome Comment(string text) => Classify(ContentKind.Comment, new ContentField("body", text));

    [Fact]
    public void The_shipped_model_scores_the_categories_the_corpora_and_team_examples_teach()
    {
        foreach (var category in new[] { Categories.Harassment, Categories.Hate, Categories.Violence, Categories.SelfHarm, Categories.Sexual, Categories.Spam })
        {
            Assert.True(Model.Scores(Categories.IndexOf(category)), category);
        }

        Assert.StartsWith("default-", Model.Version, StringComparison.Ordinal);
        Assert.Equal(Model.Version, Comment("hello there").ModelVersion);
    }

    [Fact]
    public void Every_heads_calibration_is_increasing_and_bounded()
    {
        foreach (var head in Model.Heads)
        {
            Assert.True(head.PlattScale > 0, $"{head.Category}: a larger margin must never mean a lower probability");
            var previous = -1.0;
            for (var margin = -30.0; margin <= 30; margin += 0.5)
            {
                var p = DefaultModel.Calibrate(head, margin);
                Assert.InRange(p, 0, 1);
                Assert.True(p >= previous, $"{head.Category} at {margin}");
                previous = p;
            }
        }
    }

    [Theory]
    [InlineData("I know where you live and I will kill you tomorrow, you worthless idiot.")]
    [InlineData("I can't do this anymore. Tonight I'm going to end it, nobody will miss me.")]
    [InlineData("Those people breed like rats and should be wiped out.")]
    public void A_parent_category_scores_at_least_as_high_as_each_of_its_sub_categories(string text)
    {
        var scores = Comment(text).Scores;
        foreach (var category in Categories.All)
        {
            if (Categories.ParentOf(category) is { } parent)
            {
                Assert.True(scores[parent] >= scores[category], $"{parent} {scores[parent]} < {category} {scores[category]}");
            }
        }
    }

    [Theory]
    [InlineData("I know where you live. I will kill you tomorrow.")]
    [InlineData("Sheinbaum knows what is coming. She could be vaporized in her car tonight.")]
    [InlineData("Keep talking and I'll slit your throat.")]
    [InlineData("Someone should put a bullet in you.")]
    public void A_threat_in_a_comment_goes_to_review_or_block_with_its_evidence(string text)
    {
        var result = Comment(text);
        Assert.NotEqual(Verdict.Allow, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == Categories.HarassmentThreatening && r.Source.StartsWith("rule:", StringComparison.Ordinal));
    }

    [Fact]
    public void Suicidal_ideation_without_a_listed_word_goes_to_a_person_and_is_never_auto_blocked()
    {
        var result = Comment("nobody would even notice if I was gone, I just want to sleep forever");

        Assert.Equal(Verdict.Review, result.Verdict);
        Assert.True(result.Scores[Categories.SelfHarm] >= 0.5, $"self-harm {result.Scores[Categories.SelfHarm]}");
        Assert.Contains(result.Reasons, r => r.Category == Categories.SelfHarm && r.Source == $"model:{Model.Version}");
    }

    [Theory]
    [InlineData("you are a wh0re", "you are a whore")]
    [InlineData("shut up you sh!thead", "shut up you shithead")]
    [InlineData("what an id10t, honestly", "what an idiot, honestly")]
    [InlineData("what a d1ckhead", "what a dickhead")]
    [InlineData("you are a h\u0430te-filled \u0441reep", "you are a hate-filled creep")]
    [InlineData("you s.t.u.p.i.d cow", "you stupid cow")]
    [InlineData("what a c*nt", "what a cunt")]
    [InlineData("go fսck yourself", "go fuck yourself")]
    public void A_word_hidden_by_leetspeak_look_alikes_or_spelling_out_scores_as_the_plain_word(string evaded, string plain)
    {
        var hidden = Comment(evaded);
        var open = Comment(plain);

        Assert.Equal(open.Verdict, hidden.Verdict);
        foreach (var category in Categories.All)
        {
            Assert.Equal(open.Scores[category], hidden.Scores[category], 6);
        }
    }

    [Theory]
    [InlineData("Dick Van Dyke was wonderful in Mary Poppins.")]
    [InlineData("She graduated magna cum laude from Harvard.")]
    [InlineData("The second goal exposed a chink in the armour of the defence.")]
    [InlineData("Spic and Span still cleans a kitchen floor better than anything.")]
    [InlineData("Dick Van Dyke is a great actor.")]
    [InlineData("The Dick Van Dyke Show was a sitcom.")]
    [InlineData("Dick Cheney was vice president.")]
    [InlineData("That comedian absolutely killed it last night.")]
    [InlineData("The cock crowed at dawn and the farm woke up.")]
    [InlineData("If the server hangs, kill the process and restart it.")]
    [InlineData("How do I kill a Python process?")]
    [InlineData("You need to kill all the child processes first.")]
    [InlineData("Kill the container before you rebuild the image.")]
    [InlineData("I could murder a curry right now.")]
    [InlineData("We need to kill the fleas on the dog.")]
    [InlineData("What's the best way to kill weeds in my lawn?")]
    [InlineData("How do I kill mould in the bathroom?")]
    [InlineData("This spray kills bacteria and germs on contact.")]
    [InlineData("I'm dying to see that film.")]
    [InlineData("How do I gut a fish?")]
    [InlineData("I'm going to kill this exam tomorrow.")]
    [InlineData("That joke killed me.")]
    [InlineData("Grab a fag and a cup of tea, we're on break in five.")]
    [InlineData("He worked it out on the back of a fag packet.")]
    [InlineData("I could murder some chips right now.")]
    [InlineData("You're killing me, just pick a restaurant!")]
    [InlineData("The Dutch built a dyke to hold back the sea.")]
    [InlineData("I had faggots and peas for dinner at the pub.")]
    public void Innocent_phrases_holding_a_listed_words_letters_are_allowed_and_give_no_evidence(string text)
    {
        var result = Comment(text);

        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.DoesNotContain(result.Reasons, r => r.Source.StartsWith("rule:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Thanks for the clear write-up. I would like to know how the council plans to pay for the second phase, though.")]
    [InlineData("The striker absolutely destroyed the defence, what a killer finish in the last minute.")]
    // First-person plans and moods, which the self-harm heads once sent to review (intent 0.40–0.48).
    [InlineData("I'm going to bed early tonight")]
    [InlineData("Tonight I'm going to finally finish that book")]
    [InlineData("I'm so tired of this weather")]
    // Words of erotic narrative in their everyday senses.
    [InlineData("He moaned about the referee all the way home.")]
    [InlineData("She came home late after the match.")]
    [InlineData("The defender was grinding against the striker all game.")]
    public void Everyday_comments_are_allowed(string text)
    {
        Assert.Equal(Verdict.Allow, Comment(text).Verdict);
    }

    // An erotic narrative about adults, with no word the older lexicon lists: the phrases of
    // described sexual activity are evidence (weight 0.3, so none alone reaches review) that
    // lifts the sexual head above its everyday readings.
    [Fact]
    public void An_erotic_narrative_without_an_explicit_word_scores_sexual_above_the_same_words_in_everyday_senses()
    {
        var narrative = Comment("She moaned as he slid his hand between her thighs and pulled her onto the bed.");
        var everyday = Comment("He moaned about the referee all the way home.");

        Assert.Equal(Verdict.Review, narrative.Verdict);
        Assert.Contains(narrative.Reasons, r => r.Category == Categories.Sexual && r.Source.StartsWith("rule:", StringComparison.Ordinal));
        Assert.True(narrative.Scores[Categories.Sexual] > everyday.Scores[Categories.Sexual] + 0.3,
            $"narrative {narrative.Scores[Categories.Sexual]}, everyday {everyday.Scores[Categories.Sexual]}");
    }

    // The spam head learned from SMS spam, where "text me" and "free" are the spammer's words: a
    // score short of near-certain sends such a message to a person instead of blocking it.
    [Fact]
    public void An_everyday_message_that_reads_like_sms_spam_is_not_blocked_on_the_model_alone()
    {
        Assert.NotEqual(Verdict.Block, Comment("Text me when you're free").Verdict);
    }

    [SkippableFact]
    public void The_seed_news_article_is_allowed_with_its_violence_reported_as_reporting()
    {
        var page = TestEnvironment.ReadSeedPage();
        var result = Classify(ContentKind.Article, new ContentField("title", "Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels"),
            new ContentField("body", page));

        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Violence && r.Detail.Contains("(in reporting)", StringComparison.Ordinal));
    }

    // The heads read a text's words beside its embedding, and the words of a passage repeated twenty
    // times weigh as the passage once, within a tenth of a log-odds (the one new bigram across the
    // seam): n-gram frequencies are sublinear and the vector L2-normalised.
    [Fact]
    public void The_heads_read_a_texts_words_and_repeating_them_adds_nothing()
    {
        const string passage = "The council said the new tram line would open in stages, starting with the northern suburbs. ";
        var once = Model.NgramMargins(ContentKind.Comment, EvasionFolding.Fold(passage).Text);
        var repeated = Model.NgramMargins(ContentKind.Comment, EvasionFolding.Fold(string.Concat(Enumerable.Repeat(passage, 20))).Text);
        var other = Model.NgramMargins(ContentKind.Comment, EvasionFolding.Fold("Shut up, nobody asked what you think about trams.").Text);

        foreach (var category in new[] { Categories.Harassment, Categories.Hate, Categories.Violence, Categories.Spam })
        {
            var c = Categories.IndexOf(category);
            Assert.NotEqual(once[c], other[c]);
            Assert.InRange(Math.Abs(once[c] - repeated[c]), 0, 0.1);
        }
    }

    [Fact]
    public void A_long_benign_report_scores_no_higher_than_its_worst_window_and_length_adds_nothing()
    {
        const string paragraph = "The home side pressed high from the first whistle and the visitors struggled to get out of their half. " +
            "After the break the captain curled a free kick into the top corner, and the crowd sang until the final whistle. ";
        var once = Comment(paragraph);
        var longReport = string.Concat(Enumerable.Repeat(paragraph, 20));
        var input = new ClassificationInput(ContentKind.Comment, "news.example", [new ContentField("body", longReport)]);
        var windows = fixture.Encoder.Encode([longReport])[0];
        var whole = ContentClassifier.Classify(Policy, new ModelReading(Model, null, windows), input);

        Assert.True(windows.Length > 1);
        foreach (var category in Categories.All)
        {
            var worstWindow = windows.Max(w => ContentClassifier.Classify(Policy, new ModelReading(Model, null, [w]), input).Scores[category]);
            Assert.Equal(worstWindow, whole.Scores[category], 4);
        }

        Assert.Equal(Verdict.Allow, whole.Verdict);
        Assert.Equal(Verdict.Allow, once.Verdict);
    }
}
