using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Moderation.Contracts;
using C = Moderation.Contracts.Categories;

namespace Moderation.Corpora;

/// <summary>One reader per source: the files as upstream ships them → <see cref="CorpusText"/> with mapped labels.
/// Cleaning (cut, de-duplication, parents) happens afterwards in <see cref="PublicCorpora.Clean"/>.</summary>
internal static partial class SourceReaders
{
    private static readonly string[] ContextToxicityNegatives =
        [C.Harassment, C.Hate, C.Violence, C.Sexual, C.Profanity, C.SelfHarm];

    private static readonly string[] XsTestSafeNegatives =
        [C.Violence, C.SelfHarm, C.Hate, C.Harassment, C.Sexual, C.Illicit];

    private static readonly HashSet<string> IdentifyingEntities = new(StringComparer.Ordinal)
    {
        "STREET_ADDRESS", "CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN", "IP_ADDRESS",
        "US_DRIVER_LICENSE",
    };

    // Spans that name no one: a text with only these is no more pii than one without spans.
    private static readonly HashSet<string> NonPersonalEntities = new(StringComparer.Ordinal)
    {
        "ORGANIZATION", "GPE", "TITLE", "DOMAIN_NAME",
    };

    public static IEnumerable<CorpusText> ToxicSpans(string root)
    {
        var dir = Path.Combine(root, "ipavlopoulos+toxic_spans", "data");
        var comments = CsvTable.Read(Path.Combine(dir, "comments.csv"));
        var annotations = CsvTable.Read(Path.Combine(dir, "annotations.csv"));
        var spans = CsvTable.Read(Path.Combine(dir, "spans.csv"));

        var spanTypes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        int sAnnotation = spans.Column("annotation"), sType = spans.Column("type");
        foreach (var row in spans.Rows)
        {
            var id = CsvTable.Field(row, sAnnotation);
            if (!spanTypes.TryGetValue(id, out var types))
            {
                spanTypes[id] = types = new HashSet<string>(StringComparer.Ordinal);
            }

            // A few types are cut short upstream ("Insu", "Identity based "); an empty type still marks a span.
            types.Add(CsvTable.Field(row, sType).Trim() switch
            {
                var t when t.StartsWith("Insu", StringComparison.Ordinal) => "Insult",
                var t when t.StartsWith("Identity", StringComparison.Ordinal) => "Identity",
                var t when t.StartsWith("Profan", StringComparison.Ordinal) => "Profane",
                var t when t.StartsWith("Threat", StringComparison.Ordinal) => "Threat",
                var t when t.StartsWith("Other", StringComparison.Ordinal) => "Other",
                _ => "",
            });
        }

        var votes = new Dictionary<string, List<(bool AllToxic, bool NotToxic, HashSet<string>? Types)>>(StringComparer.Ordinal);
        int aId = annotations.Column("annotation"), aComment = annotations.Column("comment_id"),
            aAll = annotations.Column("all toxic"), aNot = annotations.Column("not toxic");
        foreach (var row in annotations.Rows)
        {
            var comment = CsvTable.Field(row, aComment);
            if (!votes.TryGetValue(comment, out var list))
            {
                votes[comment] = list = [];
            }

            spanTypes.TryGetValue(CsvTable.Field(row, aId), out var types);
            list.Add((IsTrue(CsvTable.Field(row, aAll)), IsTrue(CsvTable.Field(row, aNot)), types));
        }

        int cId = comments.Column("comment_id"), cText = comments.Column("comment_text");
        foreach (var row in comments.Rows)
        {
            var id = CsvTable.Field(row, cId);
            if (!votes.TryGetValue(id, out var list) || list.Count == 0)
            {
                continue;
            }

            var labels = ToxicSpansLabels(list);
            if (labels is null)
            {
                continue;
            }

            yield return Text(SourceCatalogue.ToxicSpans, id, CsvTable.Field(row, cText), labels);
        }
    }

    /// <summary>Per type: 1 when more than half the annotators marked it; 0 when most annotators marked spans and
    /// fewer than a third marked this type; otherwise unknown. Null when nothing is known.</summary>
    internal static Dictionary<string, int>? ToxicSpansLabels(IReadOnlyList<(bool AllToxic, bool NotToxic, HashSet<string>? Types)> annotators)
    {
        var n = annotators.Count;
        var withSpans = annotators.Count(a => a.Types is { Count: > 0 });
        var clean = annotators.Count(a => a.NotToxic && !a.AllToxic && a.Types is not { Count: > 0 });
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        if (clean * 2 > n)
        {
            foreach (var category in new[] { C.Harassment, C.HarassmentThreatening, C.Hate, C.Profanity, C.Violence })
            {
                labels[category] = 0;
            }

            return labels;
        }

        var located = withSpans * 2 > n;
        void Map(string type, params string[] categories)
        {
            var count = annotators.Count(a => a.Types?.Contains(type) == true);
            int? value = count * 2 > n ? 1 : located && count * 3 < n ? 0 : null;
            if (value is not { } v)
            {
                return;
            }

            foreach (var category in categories)
            {
                // Threat feeds violence and harassment/threatening; a 1 from any type wins over a 0 from another.
                labels[category] = Math.Max(v, labels.GetValueOrDefault(category));
            }
        }

        Map("Insult", C.Harassment);
        Map("Identity", C.Hate);
        Map("Profane", C.Profanity);
        Map("Threat", C.HarassmentThreatening, C.Violence);
        return labels.Count == 0 ? null : labels;
    }

    public static IEnumerable<CorpusText> Edos(string root)
    {
        var table = CsvTable.Read(Path.Combine(root, "rewire-online+edos", "data", "edos_labelled_aggregated.csv"));
        int id = table.Column("rewire_id"), text = table.Column("text"), sexist = table.Column("label_sexist"),
            category = table.Column("label_category"), split = table.Column("split");
        foreach (var row in table.Rows)
        {
            var isSexist = CsvTable.Field(row, sexist).Trim() == "sexist";
            var threat = isSexist && CsvTable.Field(row, category).TrimStart().StartsWith("1.", StringComparison.Ordinal);
            yield return Text(SourceCatalogue.Edos, CsvTable.Field(row, id), CsvTable.Field(row, text),
                new() { [C.Hate] = Bit(isSexist), [C.HateThreatening] = Bit(threat) },
                split: OwnSplit(CsvTable.Field(row, split), table.Name));
        }
    }

    public static IEnumerable<CorpusText> TweetEval(string root, string task)
    {
        var (source, category) = task == "hate"
            ? (SourceCatalogue.TweetEvalHate, C.Hate)
            : (SourceCatalogue.TweetEvalOffensive, C.Profanity);
        var dir = Path.Combine(root, "cardiffnlp+tweeteval", "datasets", task);
        foreach (var (file, split) in new[] { ("train", CorpusSplit.Train), ("val", CorpusSplit.Calibration), ("test", CorpusSplit.Test) })
        {
            var texts = File.ReadAllLines(Path.Combine(dir, file + "_text.txt"));
            var labels = File.ReadAllLines(Path.Combine(dir, file + "_labels.txt"));
            if (texts.Length != labels.Length)
            {
                throw new InvalidDataException($"tweeteval {task}/{file}: {texts.Length} texts but {labels.Length} labels.");
            }

            for (var i = 0; i < texts.Length; i++)
            {
                yield return Text(source, $"{file}:{i + 1}", texts[i],
                    new() { [category] = labels[i].Trim() == "1" ? 1 : 0 }, split: split);
            }
        }
    }

    public static IEnumerable<CorpusText> HateCheck(string root)
    {
        var table = CsvTable.Read(Path.Combine(root, "paul-rottger+hatecheck-data", "test_suite_cases.csv"));
        int id = table.Column("case_id"), text = table.Column("test_case"), gold = table.Column("label_gold"),
            functionality = table.Column("functionality");
        foreach (var row in table.Rows)
        {
            var hateful = CsvTable.Field(row, gold).Trim() == "hateful";
            var test = CsvTable.Field(row, functionality).Trim();
            yield return Text(SourceCatalogue.HateCheck, CsvTable.Field(row, id), CsvTable.Field(row, text),
                new() { [C.Hate] = Bit(hateful), [C.HateThreatening] = Bit(hateful && test.StartsWith("threat_", StringComparison.Ordinal)) },
                split: CorpusSplit.Test, group: test);
        }
    }

    public static IEnumerable<CorpusText> ConvAbuse(string root)
    {
        var dir = Path.Combine(root, "amandacurry+convabuse", "2_splits");
        foreach (var (file, split) in new[] { ("train", CorpusSplit.Train), ("valid", CorpusSplit.Calibration), ("test", CorpusSplit.Test) })
        {
            var table = CsvTable.Read(Path.Combine(dir, $"ConvAbuseEMNLP{file}.csv"));
            int id = table.Column("example_id"), user = table.Column("user");

            // Each annotator's block is 17 columns in a fixed order; the header repeats "Annotator6_transphobic" for
            // annotators 7 and 8, so the block is found by its first column and read by position.
            var blocks = new List<int>();
            for (var k = 1; ; k++)
            {
                var start = table.Header.ToList().IndexOf($"Annotator{k}_is_abuse.1");
                if (start < 0)
                {
                    break;
                }

                if (table.Header.Count < start + 17 || table.Header[start + 10] != $"Annotator{k}_sex_harassment"
                                                   || table.Header[start + 5] != $"Annotator{k}_ableist")
                {
                    throw new InvalidDataException($"{table.Name}: annotator {k}'s columns are not in the expected order.");
                }

                blocks.Add(start);
            }

            foreach (var row in table.Rows)
            {
                int annotators = 0, abusive = 0, identity = 0, sexual = 0;
                foreach (var b in blocks)
                {
                    bool Ticked(int offset) => IsOne(CsvTable.Field(row, b + offset));
                    if (!Enumerable.Range(0, 5).Any(Ticked))
                    {
                        continue;
                    }

                    annotators++;
                    if (Ticked(2) || Ticked(3) || Ticked(4))
                    {
                        abusive++;
                        // ableist, homophobic, racist, sexist, transphobic; intellectual (5 + 2) is plain harassment.
                        identity += Ticked(5) || Ticked(6) || Ticked(8) || Ticked(9) || Ticked(11) ? 1 : 0;
                        sexual += Ticked(10) ? 1 : 0;
                    }
                }

                if (annotators == 0)
                {
                    continue;
                }

                var isAbusive = abusive * 2 > annotators;
                yield return Text(SourceCatalogue.ConvAbuse, $"{file}:{CsvTable.Field(row, id)}", CsvTable.Field(row, user), new()
                {
                    [C.Harassment] = Bit(isAbusive),
                    [C.Hate] = Bit(isAbusive && identity * 2 >= abusive),
                    [C.Sexual] = Bit(isAbusive && sexual * 2 >= abusive),
                }, split: split);
            }
        }
    }

    public static IEnumerable<CorpusText> Mlma(string root)
    {
        CsvTable table;
        using (var zip = ZipFile.OpenRead(Path.Combine(root, "HKUST-KnowComp+MLMA_hate_speech", "hate_speech_mlma.zip")))
        {
            var entry = zip.Entries.FirstOrDefault(e => e.Name == "en_dataset.csv")
                        ?? throw new InvalidDataException("hate_speech_mlma.zip holds no en_dataset.csv.");
            table = CsvTable.Read(new StreamReader(entry.Open()), "en_dataset.csv");
        }

        int id = table.Column("HITId"), text = table.Column("tweet"), hostility = table.Column("sentiment");
        foreach (var row in table.Rows)
        {
            var kinds = CsvTable.Field(row, hostility).Trim().Split('_', StringSplitOptions.RemoveEmptyEntries);
            var labels = new Dictionary<string, int>(StringComparer.Ordinal);
            if (kinds is ["normal"])
            {
                labels[C.Hate] = 0;
                labels[C.Harassment] = 0;
            }

            if (kinds.Contains("hateful"))
            {
                labels[C.Hate] = 1;
            }

            if (kinds.Any(k => k is "offensive" or "abusive" or "disrespectful"))
            {
                labels[C.Harassment] = 1;
            }

            if (labels.Count > 0)
            {
                yield return Text(SourceCatalogue.Mlma, CsvTable.Field(row, id), CsvTable.Field(row, text), labels);
            }
        }
    }

    public static IEnumerable<CorpusText> CivilBiasTestset(string root)
    {
        var table = CsvTable.Read(Path.Combine(root, "conversationai+unintended-ml-bias-analysis", "archive",
            "unintended_ml_bias", "eval_datasets", "toxicity_nonfuzzed_testset.csv"));
        int id = table.Column("rev_id"), text = table.Column("comment"), toxic = table.Column("toxic");
        foreach (var row in table.Rows)
        {
            yield return Text(SourceCatalogue.CivilBiasTestset, CsvTable.Field(row, id), CsvTable.Field(row, text),
                new() { [C.Harassment] = Bit(IsTrue(CsvTable.Field(row, toxic))) }, split: CorpusSplit.Test, group: "wikipedia");
        }
    }

    public static IEnumerable<CorpusText> IdentityTemplates(string root)
    {
        var table = CsvTable.Read(Path.Combine(root, "conversationai+unintended-ml-bias-analysis", "sentence_templates",
            "en_sentence_templates.csv"));
        int template = table.Column("template"), toxicity = table.Column("toxicity"), phrase = table.Column("phrase");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var kind = CsvTable.Field(row, template).Trim();
            var text = CsvTable.Field(row, phrase);
            var toxic = CsvTable.Field(row, toxicity).Trim() == "toxic";
            Dictionary<string, int> labels = kind == "you_occupation"
                ? new() { [C.Harassment] = Bit(toxic), [C.Hate] = 0 }
                : toxic ? new() { [C.Hate] = 1 } : new() { [C.Hate] = 0, [C.Harassment] = 0 };
            yield return Text(SourceCatalogue.IdentityTemplates, (i + 1).ToString(CultureInfo.InvariantCulture), text, labels,
                split: CorpusSplit.Test, group: IdentityTerm(kind, text));
        }
    }

    /// <summary>The identity term (or occupation) a template sentence was filled with; the template name when the
    /// sentence does not have the template's shape.</summary>
    internal static string IdentityTerm(string template, string text)
    {
        var t = text.Trim();
        static string AfterFirstWord(string s) => s.IndexOf(' ', StringComparison.Ordinal) is var i and >= 0 ? s[(i + 1)..] : s;
        string? term = template switch
        {
            "name_adj" when t.IndexOf(" is a ", StringComparison.Ordinal) is var i and >= 0 => AfterFirstWord(t[(i + 6)..]),
            "you_are_adj" or "you_occupation" when t.StartsWith("You are a ", StringComparison.Ordinal) => AfterFirstWord(t[10..]),
            "being_adj" when t.StartsWith("Being ", StringComparison.Ordinal) && t.LastIndexOf(" is ", StringComparison.Ordinal) is var i and > 5 => t[6..i],
            "am_hate_adj" when t.StartsWith("I am ", StringComparison.Ordinal) => t[5..],
            "am_hate_adj" when t.StartsWith("I hate ", StringComparison.Ordinal) => t[7..],
            "verb_adj" => AfterFirstWord(t),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(term) ? template : term.Trim().ToLowerInvariant();
    }

    public static IEnumerable<CorpusText> ContextToxicity(string root)
    {
        foreach (var file in new[] { "gc", "gn" })
        {
            var table = CsvTable.Read(Path.Combine(root, "ipavlopoulos+context_toxicity", "data", "CAT_LARGE", file + ".csv"));
            int id = table.Column("id"), text = table.Column("text"), label = table.Column("label");
            foreach (var row in table.Rows)
            {
                var toxic = CsvTable.Field(row, label).Trim() == "1";
                var labels = toxic
                    ? new Dictionary<string, int>(StringComparer.Ordinal) { [C.Harassment] = 1 }
                    : ContextToxicityNegatives.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
                yield return Text(SourceCatalogue.ContextToxicity, $"{file}:{CsvTable.Field(row, id)}", CsvTable.Field(row, text), labels);
            }
        }
    }

    public static IEnumerable<CorpusText> Presidio(string root)
    {
        using var stream = File.OpenRead(Path.Combine(root, "microsoft+presidio-research", "data", "synth_dataset_v2.json"));
        using var document = JsonDocument.Parse(stream);
        var index = 0;
        var texts = new List<CorpusText>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            index++;
            var text = item.GetProperty("full_text").GetString() ?? "";
            var types = item.TryGetProperty("spans", out var spans) && spans.ValueKind == JsonValueKind.Array
                ? spans.EnumerateArray().Select(s => s.GetProperty("entity_type").GetString() ?? "").ToList()
                : [];
            int? pii = types.Any(IdentifyingEntities.Contains) ? 1 : types.All(NonPersonalEntities.Contains) ? 0 : null;
            if (pii is { } value)
            {
                texts.Add(Text(SourceCatalogue.Presidio, index.ToString(CultureInfo.InvariantCulture), text, new() { [C.Pii] = value }));
            }
        }

        return texts;
    }

    public static IEnumerable<CorpusText> XsTest(string root)
    {
        var table = CsvTable.Read(Path.Combine(root, "paul-rottger+exaggerated-safety", "xstest_prompts.csv"));
        int id = table.Column("id"), prompt = table.Column("prompt"), type = table.Column("type"), label = table.Column("label");
        foreach (var row in table.Rows)
        {
            var kind = CsvTable.Field(row, type).Trim();
            var safe = CsvTable.Field(row, label).Trim() == "safe";
            var labels = safe
                ? XsTestSafeNegatives.ToDictionary(c => c, _ => 0, StringComparer.Ordinal)
                : kind == "contrast_discr"
                    ? new Dictionary<string, int>(StringComparer.Ordinal) { [C.Hate] = 1 }
                    : new Dictionary<string, int>(StringComparer.Ordinal);
            yield return Text(SourceCatalogue.XsTest, CsvTable.Field(row, id), CsvTable.Field(row, prompt), labels,
                split: CorpusSplit.Test, group: safe ? kind : "unsafe:" + kind);
        }
    }

    public static IEnumerable<CorpusText> SmsSpam(string root)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(Path.Combine(root, "hamzaaacodes+sms-spam-collection", "SMSSpamCollection")))
        {
            lineNumber++;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0 || (lineNumber == 1 && line.StartsWith("Label\t", StringComparison.Ordinal)))
            {
                continue;
            }

            var label = line[..tab].Trim();
            if (label is not ("spam" or "ham"))
            {
                throw new InvalidDataException($"SMSSpamCollection line {lineNumber}: label '{label}' is neither ham nor spam.");
            }

            yield return Text(SourceCatalogue.SmsSpam, lineNumber.ToString(CultureInfo.InvariantCulture), line[(tab + 1)..],
                new() { [C.Spam] = Bit(label == "spam") });
        }
    }

    public static IEnumerable<CorpusText> YouTubeSpam(string root)
    {
        var dir = Path.Combine(root, "C0D3-BR3AK3R+HadoopFinalNCU-Project", "data");
        foreach (var path in Directory.GetFiles(dir, "Youtube0*.csv").Order(StringComparer.Ordinal))
        {
            var table = CsvTable.Read(path);
            var video = Path.GetFileNameWithoutExtension(path).Split('-') is [_, var name, ..] ? name : Path.GetFileNameWithoutExtension(path);
            int id = table.Column("COMMENT_ID"), content = table.Column("CONTENT"), label = table.Column("label");
            foreach (var row in table.Rows)
            {
                yield return Text(SourceCatalogue.YouTubeSpam, $"{video}:{CsvTable.Field(row, id)}",
                    YouTubeText(CsvTable.Field(row, content)),
                    new() { [C.Spam] = Bit(CsvTable.Field(row, label).Trim() == "1") }, group: video);
            }
        }
    }

    public static IEnumerable<CorpusText> Team(string path)
    {
        var known = C.All.ToHashSet(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TeamExample? example;
            try
            {
                example = JsonSerializer.Deserialize<TeamExample>(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} line {lineNumber}: {e.Message}", e);
            }

            if (example?.Text is null || example.Labels is null)
            {
                throw new InvalidDataException($"{path} line {lineNumber}: needs \"text\" and \"labels\".");
            }

            var labels = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (category, value) in example.Labels)
            {
                if (!known.Contains(category) || value is not (0 or 1))
                {
                    throw new InvalidDataException(
                        $"{path} line {lineNumber}: label '{category}': {value} is not a category with 0 or 1.");
                }

                labels[category] = value;
            }

            var id = string.IsNullOrWhiteSpace(example.Id) ? lineNumber.ToString(CultureInfo.InvariantCulture) : example.Id;
            yield return Text(SourceCatalogue.Team, id, example.Text, labels, group: example.Group);
        }
    }

    private static CorpusText Text(string source, string id, string text, Dictionary<string, int> labels,
        CorpusSplit? split = null, string? group = null) =>
        new(source, id, text, ContentKind.Comment, split ?? PublicCorpora.HashSplit(source, id), labels.AsReadOnly(), group);

    private static CorpusSplit OwnSplit(string value, string file) => value.Trim() switch
    {
        "train" => CorpusSplit.Train,
        "dev" or "val" or "valid" => CorpusSplit.Calibration,
        "test" => CorpusSplit.Test,
        var other => throw new InvalidDataException($"{file}: unknown split '{other}'."),
    };

    // Comments were scraped as HTML: line breaks are <br />, links are <a> elements, and entities remain.
    private static string YouTubeText(string text) =>
        System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(LineBreak().Replace(text, "\n"), ""));

    [System.Text.RegularExpressions.GeneratedRegex("<br\\s*/?>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LineBreak();

    [System.Text.RegularExpressions.GeneratedRegex("</?[a-zA-Z][^>]*>")]
    private static partial System.Text.RegularExpressions.Regex HtmlTag();

    private static int Bit(bool value) => value ? 1 : 0;

    private static bool IsTrue(string value) => value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1";

    private static bool IsOne(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0.5;

    private sealed record TeamExample(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string? Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("labels")] Dictionary<string, int>? Labels,
        [property: System.Text.Json.Serialization.JsonPropertyName("group")] string? Group);
}
