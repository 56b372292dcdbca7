using Moderation.Contracts;

namespace Moderation.Corpora;

/// <summary>The sources, in the order <see cref="PublicCorpora.Load(string)"/> reads them. Commits come from MANIFEST.tsv.</summary>
internal static class SourceCatalogue
{
    public const string ToxicSpans = "toxic_spans";
    public const string Edos = "edos";
    public const string TweetEvalHate = "tweeteval_hate";
    public const string TweetEvalOffensive = "tweeteval_offensive";
    public const string HateCheck = "hatecheck";
    public const string ConvAbuse = "convabuse";
    public const string Mlma = "mlma";
    public const string CivilBiasTestset = "civil_bias_testset";
    public const string IdentityTemplates = "identity_templates";
    public const string ContextToxicity = "context_toxicity";
    public const string Presidio = "presidio";
    public const string XsTest = "xstest";
    public const string SmsSpam = "sms_spam";
    public const string YouTubeSpam = "youtube_spam";
    public const string Team = "team";
    public const string Profanity = "surge_profanity";

    private const string TweetEvalLicence = "no restrictions by TweetEval; source tasks' and Twitter's terms apply";

    public static IReadOnlyList<CorpusSource> All { get; } =
    [
        new(ToxicSpans, "ipavlopoulos/toxic_spans", "ipavlopoulos+toxic_spans", null, "CC0-1.0",
            [Categories.Harassment, Categories.HarassmentThreatening, Categories.Hate, Categories.Profanity, Categories.Violence],
            "Civil Comments posts (all rated toxic by Civil Comments raters); per span type, 1 when more than half the post's " +
            "annotators marked a span of it (Insult→harassment, Identity based Attack→hate, Profane/Obscene→profanity, " +
            "Threat→harassment/threatening+violence), 0 when most annotators marked spans and fewer than a third marked that " +
            "type, else unknown; posts most annotators left without spans are skipped (the 'not toxic'/'all toxic' ticks are " +
            "set together and do not say which); 'Other Toxicity' is not mapped; hash split"),
        new(Edos, "rewire-online/edos", "rewire-online+edos", null, "CC0-1.0",
            [Categories.Hate, Categories.HateThreatening],
            "label_sexist 'sexist'→hate 1 else 0; label_category '1. threats…'→hate/threatening 1 else 0; " +
            "own split column (train→Train, dev→Calibration, test→Test)"),
        new(TweetEvalHate, "cardiffnlp/tweeteval", "cardiffnlp+tweeteval", null, TweetEvalLicence,
            [Categories.Hate],
            "HatEval 2019 (hate against immigrants and women): label 1→hate 1, 0→hate 0; own splits (val→Calibration)"),
        new(TweetEvalOffensive, "cardiffnlp/tweeteval", "cardiffnlp+tweeteval", null, TweetEvalLicence,
            [Categories.Profanity],
            "OLID 2019: offensive (profanity, insults and threats mixed)→profanity 1, not offensive→profanity 0; nothing " +
            "else, as OLID does not say which kind of offence; own splits (val→Calibration)"),
        new(HateCheck, "paul-rottger/hatecheck-data", "paul-rottger+hatecheck-data", null, "CC-BY-4.0",
            [Categories.Hate, Categories.HateThreatening],
            "label_gold hateful→hate 1, non-hateful→0; hateful threat_* functionalities→hate/threatening 1, all else 0; " +
            "Group = functionality; Test only"),
        new(ConvAbuse, "amandacurry/convabuse", "amandacurry+convabuse", null, "CC-BY-4.0",
            [Categories.Harassment, Categories.Hate, Categories.Sexual],
            "user turn only; abusive when more than half its annotators chose is_abuse -1/-2/-3 → harassment 1 (abuse aimed " +
            "at the agent), else harassment, hate and sexual 0; of an abusive turn, hate 1 when at least half the abusive " +
            "votes ticked sexist/racist/homophobic/transphobic/ableist, sexual 1 likewise for sex_harassment, else 0; own " +
            "splits (valid→Calibration)"),
        new(Mlma, "HKUST-KnowComp/MLMA_hate_speech", "HKUST-KnowComp+MLMA_hate_speech", null, "MIT",
            [Categories.Hate, Categories.Harassment],
            "en_dataset.csv (lower-cased, stop words removed by the authors); hostility containing hateful→hate 1; " +
            "offensive/abusive/disrespectful→harassment 1; 'normal' alone→hate 0 and harassment 0; else unknown; hash split"),
        new(CivilBiasTestset, "conversationai/unintended-ml-bias-analysis", "conversationai+unintended-ml-bias-analysis",
            null, "CC-BY-4.0",
            [Categories.Harassment],
            "toxicity_nonfuzzed_testset.csv (Wikipedia talk): toxic True→harassment 1, False→0 (generic toxicity); " +
            "Group 'wikipedia'; Test only"),
        new(IdentityTemplates, "conversationai/unintended-ml-bias-analysis", "conversationai+unintended-ml-bias-analysis",
            null, "CC-BY-4.0",
            [Categories.Hate, Categories.Harassment],
            "en_sentence_templates.csv: identity templates toxic→hate 1, nontoxic→hate 0 and harassment 0; the occupation " +
            "template (you_occupation) toxic→harassment 1 and hate 0; Group = the identity term (or occupation); Test only"),
        new(ContextToxicity, "ipavlopoulos/context_toxicity", "ipavlopoulos+context_toxicity", null, "Apache-2.0",
            [Categories.Harassment, Categories.Hate, Categories.Violence, Categories.Sexual, Categories.Profanity, Categories.SelfHarm],
            "CAT_LARGE gc.csv and gn.csv, the post only (not the parent): label 1→harassment 1 (other categories unknown); " +
            "label 0→harassment, hate, violence, sexual, profanity and self-harm 0; hash split"),
        new(Presidio, "microsoft/presidio-research", "microsoft+presidio-research", null, "MIT",
            [Categories.Pii],
            "synth_dataset_v2.json: a span of an identifying type (street address, credit card, phone, email, IBAN, US SSN, " +
            "IP, US driver licence)→pii 1; no span, or only organisations, places, titles and domains→pii 0; names, dates, " +
            "ages, nationalities or zip codes without an identifier→unknown (skipped: a name alone in a comment is not what " +
            "pii is for); hash split"),
        new(XsTest, "paul-rottger/exaggerated-safety", "paul-rottger+exaggerated-safety", null, "CC-BY-4.0",
            [Categories.Violence, Categories.SelfHarm, Categories.Hate, Categories.Harassment, Categories.Sexual, Categories.Illicit],
            "safe prompts→violence, self-harm, hate, harassment, sexual, illicit 0, Group = type; unsafe contrast_discr→hate 1, " +
            "other unsafe types mix violence, self-harm and drugs→no labels, Group 'unsafe:'+type; Test only"),
        new(SmsSpam, "hamzaaacodes/sms-spam-collection", "hamzaaacodes+sms-spam-collection", null,
            "UCI SMS Spam Collection, CC-BY-4.0 (repository states none)",
            [Categories.Spam],
            "spam→spam 1, ham→spam 0; hash split"),
        new(YouTubeSpam, "C0D3-BR3AK3R/HadoopFinalNCU-Project", "C0D3-BR3AK3R+HadoopFinalNCU-Project", null,
            "UCI YouTube Spam Collection, CC-BY-4.0 (repository states none)",
            [Categories.Spam],
            "label 1→spam 1, 0→spam 0; Group = the video (Psy, KatyPerry, LMFAO, Eminem, Shakira); hash split"),
        new(Team, "(this repository)", null, null, "the project's own",
            Categories.All,
            "tests/Moderation.ModelBuilder/data/team-examples.jsonl: the labels each line gives, as given; hash split"),
        new(Profanity, "surge-ai/profanity", "surge-ai+profanity", null, "MIT",
            [],
            "a lexicon of 1,598 terms with category and severity, not texts: not loaded as texts (for the rules' word lists)",
            Loaded: false),
    ];
}
