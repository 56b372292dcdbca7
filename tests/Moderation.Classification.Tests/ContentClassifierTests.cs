using Moderation.Classification.Domain;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

public class ContentClassifierTests
{
    internal static readonly CompiledPolicy Policy = CompiledPolicy.LoadDefault();

    internal static ClassificationOutcome Comment(string text, string? source = null) =>
        ContentClassifier.Classify(Policy, null, new ClassificationInput(ContentKind.Comment, source, [new ContentField("body", text)]));

    private static ClassificationOutcome Article(params ContentField[] fields) =>
        ContentClassifier.Classify(Policy, null, new ClassificationInput(ContentKind.Article, "news.example", fields));

    [SkippableFact]
    public void The_seed_news_article_is_allowed_with_its_violence_reported_as_reporting()
    {
        var page = TestEnvironment.ReadSeedPage();
        var result = Article(new ContentField("title", "Trump Administration Considering 'Unprecedented' Action Against Mexican Drug Cartels"), new ContentField("body", page));

        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.True(result.Scores[Categories.Violence] > 0);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Violence && r.Detail.Contains("(in reporting)", StringComparison.Ordinal));
        Assert.All(result.Reasons.Where(r => r.Field == "body"), r => Assert.Contains(page[r.Span.Start..r.Span.End], r.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_wishing_a_named_person_vaporized_tonight_goes_to_review_with_threat_evidence()
    {
        const string text = "Sheinbaum knows what is coming. She could be vaporized in her car tonight.";
        var result = Comment(text);

        Assert.NotEqual(Verdict.Allow, result.Verdict);
        var threat = Assert.Single(result.Reasons, r => r.Category == Categories.HarassmentThreatening);
        Assert.Equal("could be vaporized in her car tonight", text[threat.Span.Start..threat.Span.End]);
        Assert.Equal("body", threat.Field);
    }

    [Fact]
    public void The_same_threatening_words_count_for_less_in_a_news_article()
    {
        const string text = "Officials said the cartel boss could be vaporized in his car tonight if the strike goes ahead.";
        var asComment = Comment(text);
        var asArticle = Article(new ContentField("body", text));

        Assert.True(asArticle.Scores[Categories.HarassmentThreatening] < asComment.Scores[Categories.HarassmentThreatening]);
        Assert.Equal(Verdict.Allow, asArticle.Verdict);
    }

    [Theory]
    [InlineData("A classic cocktail recipe from Scunthorpe.")]
    [InlineData("My therapist recommended the assassin's creed soundtrack.")]
    [InlineData("Thanks for sharing, this was a lovely read.")]
    [InlineData("The CLASSIC Scunthorpe cocktail bar hired a new therapist and an assassin-themed DJ.")]
    [InlineData("Shell shock, Essex, Sussex, Middlesex, cockpit, shitake mushrooms, Dickens, analysis, grape, skill, title.")]
    public void Innocent_text_with_a_bad_substring_inside_a_word_scores_nothing_and_is_allowed(string text)
    {
        var result = Comment(text);
        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.All(result.Scores.Values, score => Assert.Equal(0, score));
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Every_category_of_the_taxonomy_is_scored_between_zero_and_one()
    {
        var result = Comment("I will kill you, you idiot. Buy now: http://a.example http://b.example mail me@example.com");
        Assert.Equal(Categories.All.OrderBy(c => c), result.Scores.Keys.OrderBy(c => c));
        Assert.All(result.Scores.Values, score => Assert.InRange(score, 0, 1));
        Assert.Equal(Verdict.Block, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Pii);
    }

    [Fact]
    public void Evidence_spans_point_into_the_field_they_were_found_in_and_name_the_versions()
    {
        var result = ContentClassifier.Classify(Policy, null,
            new ClassificationInput(ContentKind.Comment, null, [new ContentField("title", "Idiot"), new ContentField("body", "you are a moron")]));
        var body = Assert.Single(result.Reasons, r => r.Field == "body" && r.Detail.StartsWith("insult", StringComparison.Ordinal));
        Assert.Equal(new EvidenceSpan(10, 15), body.Span);
        Assert.Equal(new EvidenceSpan(0, 5), Assert.Single(result.Reasons, r => r.Field == "title").Span);
        Assert.Equal(ContentClassifier.RulesOnly, result.ModelVersion);
        Assert.Equal(Policy.Version, result.PolicyVersion);
        Assert.StartsWith("rule:", body.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I will k1ll you", "k1ll")]
    [InlineData("I will KILL you", "KILL")]
    [InlineData("I will k\u200Bi\u200Cl\u200Dl you", "k\u200Bi\u200Cl\u200Dl")]
    [InlineData("I will \u043A\u0456ll you", "\u043A\u0456ll")]
    [InlineData("I will \u03BA\u03B9ll you", "\u03BA\u03B9ll")]
    [InlineData("I will \uFF4B\uFF49\uFF4C\uFF4C you", "\uFF4B\uFF49\uFF4C\uFF4C")]
    [InlineData("I will \U0001D424\U0001D422\U0001D425\U0001D425 you", "\U0001D424\U0001D422\U0001D425\U0001D425")]
    [InlineData("I will kiiiiilllll you", "kiiiiilllll")]
    [InlineData("I will k.i.l.l you", "k.i.l.l")]
    [InlineData("I will k i l l you", "k i l l")]
    [InlineData("I will k-i-l-l you", "k-i-l-l")]
    [InlineData("I will kïll you", "kïll")]
    public void Evasions_of_a_threat_are_seen_through_and_the_span_covers_the_original_characters(string text, string evasion)
    {
        var result = Comment(text);

        Assert.Equal(Verdict.Block, result.Verdict);
        var violence = Assert.Single(result.Reasons, r => r.Category == Categories.Violence);
        Assert.Equal(evasion, text[violence.Span.Start..violence.Span.End]);
        var threat = Assert.Single(result.Reasons, r => r.Category == Categories.HarassmentThreatening);
        Assert.Equal(text, text[threat.Span.Start..threat.Span.End]);
    }

    [Theory]
    [InlineData("they are all h\u200Bate filled f4gg0ts", "f4gg0ts")]
    [InlineData("what a $h1t show, you b!tch", "b!tch")]
    [InlineData("F U C K this", "F U C K")]
    [InlineData("f*ck this", "f*ck")]
    [InlineData("shut up you c*nt", "c*nt")]
    [InlineData("what an a**hole", "a**hole")]
    [InlineData("motherf***er", "motherf***er")]
    [InlineData("fvck this", "fvck")]
    [InlineData("fcuk off", "fcuk")]
    [InlineData("you $lut", "$lut")]
    [InlineData("F U C K Y O U", "F U C K")]
    [InlineData("f*** off", "f***")]
    [InlineData("what the fu** is this", "fu**")]
    [InlineData("what an azzhole", "azzhole")]
    [InlineData("shut up, biatch", "biatch")]
    [InlineData("ur mom is a wh*re", "wh*re")]
    [InlineData("f4ck you", "f4ck")]
    [InlineData("f#ck this", "f#ck")]
    [InlineData("f\u03BCck this", "f\u03BCck")]
    [InlineData("\u0192uck this", "\u0192uck")]
    public void Slurs_and_profanity_are_found_through_leetspeak_separators_and_masks(string text, string evasion)
    {
        var result = Comment(text);
        Assert.Contains(result.Reasons, r => text[r.Span.Start..r.Span.End] == evasion);
    }

    // Everyday talk beside the words of the patterns for threats, conspiracy theories, sexual
    // content with a child and scams: each pattern needs its whole shape.
    [Theory]
    [InlineData("Sex education for kids should start in primary school.", Categories.SexualMinors)]
    [InlineData("The teacher took her 12 year old students to the museum.", Categories.SexualMinors)]
    [InlineData("I'll make sure she never walks home alone again.", Categories.HarassmentThreatening)]
    [InlineData("Don't drink bleach, it is poison.", Categories.HarassmentThreatening)]
    [InlineData("Jewish people run the bakery on our street.", Categories.Hate)]
    [InlineData("I'll shoot you an email with the figures.", Categories.HarassmentThreatening)]
    [InlineData("I'll shoot you an email with the figures.", Categories.Violence)]
    [InlineData("I'm going to shoot you a message when I land.", Categories.HarassmentThreatening)]
    [InlineData("Shoot me a text when you are outside.", Categories.Violence)]
    [InlineData("We're going to beat them on Saturday.", Categories.HarassmentThreatening)]
    [InlineData("I'll find you a seat near the front.", Categories.HarassmentThreatening)]
    [InlineData("I will find you the reference tomorrow.", Categories.HarassmentThreatening)]
    [InlineData("I'll beat you to it, the queue is short.", Categories.HarassmentThreatening)]
    [InlineData("I'll break you in gently, the first week is easy.", Categories.HarassmentThreatening)]
    [InlineData("We will destroy them in the final.", Categories.HarassmentThreatening)]
    [InlineData("I'm gonna kill you at chess tonight.", Categories.HarassmentThreatening)]
    [InlineData("You are going to die laughing at this video.", Categories.HarassmentThreatening)]
    [InlineData("I'm going to kill it at the gym today.", Categories.Violence)]
    [InlineData("This traffic is killing me.", Categories.Violence)]
    [InlineData("I could kill for a coffee right now.", Categories.Violence)]
    [InlineData("I hope they get cancer treatment on the NHS without waiting.", Categories.HarassmentThreatening)]
    [InlineData("The app will self delete your messages after a day.", Categories.HarassmentThreatening)]
    [InlineData("I'm so tired of living in this city, the rent is absurd.", Categories.SelfHarmIntent)]
    [InlineData("He had nothing to live for until he met her.", Categories.SelfHarmIntent)]
    [InlineData("There's no reason to go on about it, the match is over.", Categories.SelfHarmIntent)]
    [InlineData("I verified my account yesterday and it works fine now.", Categories.Spam)]
    [InlineData("The delivery fee for the sofa was £40, which seemed steep.", Categories.Spam)]
    [InlineData("The council said the package of measures would be suspended until the review.", Categories.Spam)]
    [InlineData("You'll break your legs skiing like that.", Categories.Violence)]
    [InlineData("Lose the bet and I'll make you pay for the drinks.", Categories.HarassmentThreatening)]
    [InlineData("I'll make you pay attention in class if it kills me.", Categories.HarassmentThreatening)]
    [InlineData("He'll break your heart, that one.", Categories.Violence)]
    [InlineData("He's been blowing his nose all day.", Categories.Violence)]
    [InlineData("If brains were dynamite, she couldn't blow her nose.", Categories.Violence)]
    [InlineData("I'd love to see them suffer a heavy defeat on Saturday.", Categories.Violence)]
    [InlineData("They burned the old church down in 1850, the parish record says.", Categories.HateThreatening)]
    [InlineData("I've been saving up my pills for the trip so I don't run out.", Categories.SelfHarmIntent)]
    public void Everyday_talk_near_a_patterns_words_is_no_evidence_for_it(string text, string category)
    {
        Assert.DoesNotContain(Comment(text).Reasons, r => r.Category == category);
    }

    // "s**t" could be "shit" or "slut": a reader could not tell, so neither is evidence.
    [Fact]
    public void A_mask_that_several_listed_words_fit_is_no_evidence()
    {
        const string Text = "what a load of s**t";
        Assert.DoesNotContain(Comment(Text).Reasons, r => Text[r.Span.Start..r.Span.End].Contains("s**t", StringComparison.Ordinal));
    }

    // Markdown's emphasis is no mask: the stars around a word leave it the word it is.
    [Theory]
    [InlineData("you are an **idiot**", "idiot")]
    [InlineData("**fuck** this", "fuck")]
    public void A_word_in_emphasis_stars_is_found_as_itself(string text, string word)
    {
        Assert.Contains(Comment(text).Reasons, r => text[r.Span.Start..r.Span.End] == word);
    }

    // The first three hide a word spelled out after "a" or "i", which folds into one token with it.
    [Theory]
    [InlineData("you are a b i t c h", Categories.Harassment)]
    [InlineData("you are a c.u.n.t", Categories.Harassment)]
    [InlineData("i k i l l myself tonight", Categories.SelfHarmIntent)]
    [InlineData("unalive yourself", Categories.HarassmentThreatening)]
    [InlineData("go unalive yourself loser", Categories.HarassmentThreatening)]
    [InlineData("you stupid bitch", Categories.Harassment)]
    [InlineData("you're a fucking whore", Categories.Harassment)]
    [InlineData("I'm going to find out where you live and make you regret every word.", Categories.HarassmentThreatening)]
    [InlineData("I will find you.", Categories.HarassmentThreatening)]
    [InlineData("We are going to find you and beat you until you stop talking.", Categories.HarassmentThreatening)]
    [InlineData("I'm gonna beat you up after school.", Categories.HarassmentThreatening)]
    [InlineData("I'll burn your house down with you in it.", Categories.HarassmentThreatening)]
    [InlineData("Keep talking and I'll break your legs.", Categories.HarassmentThreatening)]
    [InlineData("I will shoot your family.", Categories.HarassmentThreatening)]
    [InlineData("i'm gonna stab u", Categories.HarassmentThreatening)]
    [InlineData("i hope you get cancer", Categories.HarassmentThreatening)]
    [InlineData("i hope u die", Categories.HarassmentThreatening)]
    [InlineData("kll yrslf", Categories.HarassmentThreatening)]
    [InlineData("You're killing me slowly and I will make you pay.", Categories.HarassmentThreatening)]
    [InlineData("I'm going to make you suffer for this.", Categories.HarassmentThreatening)]
    [InlineData("go f yourself", Categories.Harassment)]
    [InlineData("you are a dumb btch", Categories.Harassment)]
    [InlineData("u r gonna d!e", Categories.HarassmentThreatening)]
    [InlineData("just rope yourself already", Categories.HarassmentThreatening)]
    [InlineData("nobody likes you, go self delete", Categories.HarassmentThreatening)]
    [InlineData("I will k i l l y o u", Categories.HarassmentThreatening)]
    [InlineData("G O D I E", Categories.Harassment)]
    [InlineData("go commit sewer slide", Categories.HarassmentThreatening)]
    [InlineData("just go unalive", Categories.HarassmentThreatening)]
    [InlineData("shut the f up", Categories.Harassment)]
    [InlineData("lol shut the f*** up", Categories.Harassment)]
    [InlineData("5hit for brains", Categories.Harassment)]
    [InlineData("fuk u", Categories.Harassment)]
    [InlineData("phuk you", Categories.Harassment)]
    [InlineData("you absolute cvnt", Categories.Harassment)]
    [InlineData("shut it you mofo", Categories.Harassment)]
    [InlineData("I don't see the point in living anymore", Categories.SelfHarmIntent)]
    [InlineData("honestly nobody would miss me if I was gone", Categories.SelfHarmIntent)]
    [InlineData("I have nothing to live for", Categories.SelfHarmIntent)]
    [InlineData("i'm so tired of being alive", Categories.SelfHarmIntent)]
    [InlineData("some days I wish I was dead", Categories.SelfHarmIntent)]
    [InlineData("everyone would be better off without me", Categories.SelfHarmIntent)]
    [InlineData("I hope someone runs you over with a truck.", Categories.HarassmentThreatening)]
    [InlineData("i hope u get hit by a bus tomorrow", Categories.HarassmentThreatening)]
    [InlineData("You should go hang yourself, seriously, nobody would miss you.", Categories.HarassmentThreatening)]
    [InlineData("If she shows up at the meeting again I'll make sure she never walks again.", Categories.HarassmentThreatening)]
    [InlineData("Jews control the banks and the media, wake up people.", Categories.Hate)]
    [InlineData("Refugees are nothing but parasites.", Categories.Hate)]
    [InlineData("Honestly, gay people are a disease.", Categories.Hate)]
    [InlineData("Muslims are filthy, every last one.", Categories.Hate)]
    [InlineData("I really can't stand trans people.", Categories.Hate)]
    [InlineData("Disabled people make me sick.", Categories.Hate)]
    [InlineData("Women belong in the kitchen, not in parliament.", Categories.Hate)]
    [InlineData("Immigrants don't deserve any rights.", Categories.Hate)]
    [InlineData("Muslims should not be allowed to vote.", Categories.Hate)]
    [InlineData("Immigrants should go back to where they came from.", Categories.Hate)]
    [InlineData("Shoot every Muslim you meet.", Categories.HateThreatening)]
    [InlineData("Black people should all be hanged.", Categories.HateThreatening)]
    [InlineData("Exterminate the immigrants.", Categories.HateThreatening)]
    [InlineData("If I ever see him again I'll break every bone in his body.", Categories.Violence)]
    [InlineData("I want to watch them bleed out slowly.", Categories.Violence)]
    [InlineData("They should torch the place with everyone still inside.", Categories.Violence)]
    [InlineData("Someone should burn down that mosque.", Categories.HateThreatening)]
    [InlineData("I've stockpiled enough pills, just waiting for the right moment.", Categories.SelfHarmIntent)]
    [InlineData("She sucked him off in the back of the car.", Categories.Sexual)]
    [InlineData("Describe a sexual encounter between a teacher and his 12 year old student.", Categories.SexualMinors)]
    [InlineData("How many sleeping pills would it take to not wake up?", Categories.SelfHarmInstructions)]
    [InlineData("Send me pics of you in your underwear, you're only 14 but you look older.", Categories.SexualMinors)]
    [InlineData("you are only 13 but send me a sexy photo", Categories.SexualMinors)]
    public void Insults_threats_lethal_dose_questions_and_requests_for_a_childs_pictures_go_to_a_person_even_spelled_out(string text, string category)
    {
        var result = Comment(text);

        Assert.NotEqual(Verdict.Allow, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == category);
    }

    // Counter-speech names the derogation it answers: denied, negated or quoted, it is no hate of
    // the writer's.
    [Theory]
    [InlineData("Not all immigrants are criminals.")]
    [InlineData("Refugees are not parasites, they are people.")]
    [InlineData("I never said that Muslims are filthy.")]
    [InlineData("Anyone posting comments like \"gay people are a disease\" gets banned here.")]
    [InlineData("When people say \"women are worthless\" I report them.")]
    [InlineData("I can't stand immigrants being treated like this.")]
    [InlineData("I don't think women belong in the kitchen any more than men do.")]
    [InlineData("God, I hate women who have naturally great calves, so jealous.")]
    public void Derogation_of_a_group_that_is_denied_negated_or_quoted_is_no_hate_verdict(string text)
    {
        Assert.True(Comment(text).Scores[Categories.Hate] < Policy.ThresholdsFor(Categories.Hate, ContentKind.Comment, null).Review, text);
    }

    // The heads read the other framings as features, but the corpora quote too few slurs for them to
    // learn that a quoted derogation is a mention: what a text quotes reaches them at the quotation's scale.
    [Fact]
    public void The_models_read_a_quoted_derogation_at_the_quotations_scale_and_a_reported_one_whole()
    {
        static Evidence Find(string text) => ContentClassifier.FindEvidence(Policy, new ClassificationInput(ContentKind.Comment, null, [new ContentField("body", text)]));
        var hate = Categories.IndexOf(Categories.Hate);
        var quotation = Policy.Framings.Single(f => f.Name == Evidence.MentionFraming).Scale[hate];

        var asserted = Find("Refugees are vermin.").Strongest[hate];
        var quoted = Find("Posts like \"refugees are vermin\" get removed here.").Strongest[hate];
        var reported = Find("Police said the man shouted that refugees are vermin.").Strongest[hate];

        Assert.True(asserted > 0);
        Assert.Equal(asserted * quotation, quoted, 6);
        Assert.Equal(asserted, reported, 6);
    }

    [Fact]
    public void Reporting_quotation_fiction_and_recovery_framings_lower_the_scores_and_say_so()
    {
        var reported = Comment("Police said the man was stabbed and killed outside the station.");
        var quoted = Comment("The word \"faggot\" is a slur and should never be used; the dictionary lists it as offensive.");
        var fiction = Comment("In the novel, the villain murders the king and is beheaded in the final chapter.");
        var recovery = Comment("I am five years clean from self harm; my therapist helped me through recovery.");

        Assert.All(new[] { reported, quoted, fiction, recovery }, r => Assert.Equal(Verdict.Allow, r.Verdict));
        Assert.Contains(reported.Reasons, r => r.Detail.Contains("(reported)", StringComparison.Ordinal));
        Assert.Contains(quoted.Reasons, r => r.Category == Categories.Hate && r.Detail.Contains("quoted or discussed", StringComparison.Ordinal));
        Assert.Contains(fiction.Reasons, r => r.Detail.Contains("fiction", StringComparison.Ordinal));
        Assert.Contains(recovery.Reasons, r => r.Category == Categories.SelfHarm && r.Detail.Contains("recovery or medical", StringComparison.Ordinal));
        Assert.True(reported.Scores[Categories.Violence] < Comment("He stabbed and killed the man.").Scores[Categories.Violence]);
    }

    [Fact]
    public void An_insult_addressed_to_a_person_counts_for_more_than_the_same_word_about_nobody()
    {
        var addressed = Comment("You are an idiot.");
        var general = Comment("That was an idiot move by the referee.");
        Assert.True(addressed.Scores[Categories.Harassment] > general.Scores[Categories.Harassment]);
        Assert.Equal(Verdict.Review, addressed.Verdict);
    }

    [Theory]
    [InlineData("Call me on 415-555-0132 tonight", "415-555-0132", "phone number")]
    [InlineData("My card is 4111 1111 1111 1111, expiry 09/28", "4111 1111 1111 1111", "payment card number")]
    [InlineData("Write to jane.doe@example.org for the files", "jane.doe@example.org", "e-mail address")]
    [InlineData("SSN 123-45-6789 on the form", "123-45-6789", "national ID number")]
    [InlineData("NI number AB 12 34 56 C please", "AB 12 34 56 C", "national ID number")]
    public void Personal_data_is_found_with_its_span(string text, string found, string detail)
    {
        var result = Comment(text);
        var pii = Assert.Single(result.Reasons, r => r.Category == Categories.Pii);
        Assert.Equal(found, text[pii.Span.Start..pii.Span.End]);
        Assert.StartsWith(detail, pii.Detail, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Allow, result.Verdict);
    }

    [Fact]
    public void A_digit_run_that_fails_the_luhn_check_is_not_a_payment_card()
    {
        Assert.DoesNotContain(Comment("Order 4111 1111 1111 1112 shipped").Reasons, r => r.Detail.StartsWith("payment card", StringComparison.Ordinal));
        Assert.True(Detectors.PassesLuhn("4012-8888-8888-1881"));
    }

    [Fact]
    public void Link_floods_shouting_scams_and_repeated_text_are_spam()
    {
        var flood = Comment("deals http://a.example http://b.example http://c.example http://d.example");
        var shouting = Comment("THIS IS THE BEST PRODUCT EVER MADE AND EVERYONE MUST BUY IT");
        var scam = Comment("Congratulations, you have won! Send a small processing fee to claim your prize.");
        var repeated = ContentClassifier.Classify(Policy, null,
            new ClassificationInput(ContentKind.Comment, "forum.example", [new ContentField("body", "Nice post, visit my blog")], TimesSeenBefore: 4));

        Assert.All(new[] { flood, shouting, scam, repeated }, r => Assert.NotEqual(Verdict.Allow, r.Verdict));
        Assert.Contains(flood.Reasons, r => r.Detail.StartsWith("link flood (4 links)", StringComparison.Ordinal));
        Assert.Contains(shouting.Reasons, r => r.Detail.StartsWith("shouting", StringComparison.Ordinal));
        Assert.Contains(repeated.Reasons, r => r.Detail.StartsWith("the same text 5 times", StringComparison.Ordinal));
        Assert.True(scam.Scores[Categories.Spam] >= 0.5);
    }

    // Prize, phishing, parcel-fee and get-rich scams that no word of the older list caught: the rules
    // alone send each to a person, naming the kind of scam.
    [Theory]
    [InlineData("You've won a FREE iPhone, text WIN to 80082 to claim now!", "prize scam")]
    [InlineData("Your account has been suspended. Verify your identity at secure-login-update.com within 24 hours.", "phishing")]
    [InlineData("Your parcel could not be delivered. Pay the redelivery fee here: bit.ly/3xYz", "parcel fee scam")]
    [InlineData("DM me to learn how I turned $500 into $20,000 with crypto in two weeks.", "earnings promise")]
    public void Scams_in_plain_words_go_to_a_person_with_their_kind_named(string text, string detail)
    {
        var result = Comment(text);

        Assert.NotEqual(Verdict.Allow, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Category == Categories.Spam && r.Detail.StartsWith(detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Article_thresholds_are_higher_than_comment_thresholds_and_sexual_minors_lower_than_both()
    {
        Assert.True(Policy.ThresholdsFor(Categories.Violence, ContentKind.Article, null).Review > Policy.ThresholdsFor(Categories.Violence, ContentKind.Comment, null).Review);
        Assert.True(Policy.ThresholdsFor(Categories.SexualMinors, ContentKind.Comment, null).Review < Policy.ThresholdsFor(Categories.Violence, ContentKind.Comment, null).Review);
    }
}
