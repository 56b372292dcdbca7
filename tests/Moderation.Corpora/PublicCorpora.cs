using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Moderation.Contracts;

namespace Moderation.Corpora;

/// <summary>Reads the public labelled corpora in ../shared/corpora into one uniform list.</summary>
public static partial class PublicCorpora
{
    /// <summary>Environment variable that names the corpora folder, overriding the search.</summary>
    public const string RootVariable = "MODERATION_CORPORA";

    /// <summary>Environment variable that names the team's examples file, overriding the search.</summary>
    public const string TeamExamplesVariable = "MODERATION_TEAM_EXAMPLES";

    /// <summary>Texts longer than this are cut: the encoder reads windows, and a few corpora hold page-long outliers.</summary>
    public const int MaxTextLength = 5_000;

    private static readonly Lazy<IReadOnlyList<CorpusSource>> SourcesWithCommits = new(() =>
    {
        var root = TryFindRoot();
        return root is null ? SourceCatalogue.All : ReadSources(root);
    });

    /// <summary>Every source with its commit (when the corpora folder can be found), licence, categories and mapping.</summary>
    public static IReadOnlyList<CorpusSource> Sources => SourcesWithCommits.Value;

    /// <summary>The corpora folder: <c>$MODERATION_CORPORA</c>, else <c>shared/corpora</c> or <c>../shared/corpora</c>
    /// found walking up from the current directory and from the application's base directory.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither the variable nor the search found it.</exception>
    public static string FindRoot()
    {
        var fromVariable = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            return Directory.Exists(fromVariable)
                ? Path.GetFullPath(fromVariable)
                : throw new DirectoryNotFoundException(
                    $"{RootVariable} is set to '{fromVariable}', which is not a directory.");
        }

        return TryFindRoot() ?? throw new DirectoryNotFoundException(
            "The public corpora were not found: looked for shared/corpora and ../shared/corpora (a sibling of the " +
            $"repository) walking up from '{Directory.GetCurrentDirectory()}' and '{AppContext.BaseDirectory}'. " +
            $"Set {RootVariable} to the folder that holds MANIFEST.tsv.");
    }

    /// <summary>Like <see cref="FindRoot"/>, but null instead of an exception.</summary>
    public static string? TryFindRoot()
    {
        var fromVariable = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            return Directory.Exists(fromVariable) ? Path.GetFullPath(fromVariable) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[]
                         {
                             Path.Combine(dir.FullName, "shared", "corpora"),
                             Path.Combine(dir.FullName, "..", "shared", "corpora"),
                         })
                {
                    if (File.Exists(Path.Combine(candidate, "MANIFEST.tsv")))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The team's own examples (<c>tests/Moderation.ModelBuilder/data/team-examples.jsonl</c>):
    /// <c>$MODERATION_TEAM_EXAMPLES</c>, else found walking up to the folder that holds Moderation.sln; null if absent.</summary>
    public static string? FindTeamExamples()
    {
        var fromVariable = Environment.GetEnvironmentVariable(TeamExamplesVariable);
        if (!string.IsNullOrWhiteSpace(fromVariable))
        {
            return File.Exists(fromVariable) ? Path.GetFullPath(fromVariable) : null;
        }

        if (RepositoryFolder.TryFind() is not { } repository)
        {
            return null;
        }

        var path = Path.Combine(repository, "tests", "Moderation.ModelBuilder", "data", "team-examples.jsonl");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The sources with commit and licence read from <c>MANIFEST.tsv</c> under <paramref name="root"/>.</summary>
    public static IReadOnlyList<CorpusSource> ReadSources(string root)
    {
        var manifest = new Dictionary<string, (string Commit, string Licence)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(root, "MANIFEST.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length >= 6)
            {
                manifest.TryAdd(fields[0], (fields[1], fields[5]));
            }
        }

        return SourceCatalogue.All
            .Select(s => manifest.TryGetValue(s.Repository, out var m) ? s with { Commit = m.Commit, Licence = m.Licence } : s)
            .ToList();
    }

    /// <summary>Every source's texts, cleaned (see <see cref="Clean"/>), in a fixed order: sources in the order of
    /// <see cref="Sources"/>, rows in file order. The team's examples come from <see cref="FindTeamExamples"/>.</summary>
    public static IReadOnlyList<CorpusText> Load(string root) => Load(root, FindTeamExamples());

    /// <summary>As <see cref="Load(string)"/>, with the team's examples from <paramref name="teamExamples"/> (null: none).</summary>
    public static IReadOnlyList<CorpusText> Load(string root, string? teamExamples)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!File.Exists(Path.Combine(root, "MANIFEST.tsv")))
        {
            throw new DirectoryNotFoundException($"'{root}' does not hold the public corpora (no MANIFEST.tsv).");
        }

        var readers = new List<Func<IEnumerable<CorpusText>>>
        {
            () => SourceReaders.ToxicSpans(root),
            () => SourceReaders.Edos(root),
            () => SourceReaders.TweetEval(root, "hate"),
            () => SourceReaders.TweetEval(root, "offensive"),
            () => SourceReaders.HateCheck(root),
            () => SourceReaders.ConvAbuse(root),
            () => SourceReaders.Mlma(root),
            () => SourceReaders.CivilBiasTestset(root),
            () => SourceReaders.IdentityTemplates(root),
            () => SourceReaders.ContextToxicity(root),
            () => SourceReaders.Presidio(root),
            () => SourceReaders.XsTest(root),
            () => SourceReaders.SmsSpam(root),
            () => SourceReaders.YouTubeSpam(root),
        };
        if (teamExamples is not null && File.Exists(teamExamples))
        {
            readers.Add(() => SourceReaders.Team(teamExamples));
        }

        // Each reader is independent; reading them side by side halves the wall time on two cores.
        var parts = new List<CorpusText>[readers.Count];
        Parallel.For(0, readers.Count, i => parts[i] = readers[i]().ToList());
        return Clean(parts.SelectMany(p => p));
    }

    /// <summary>
    /// Cuts texts to <see cref="MaxTextLength"/>, drops empty ones, makes every positive sub-category's parent positive,
    /// removes from Train and Calibration every text whose normalised form occurs in any Test split (of any source), then
    /// within a source drops later texts whose normalised form was already seen. Order is kept.
    /// </summary>
    public static IReadOnlyList<CorpusText> Clean(IEnumerable<CorpusText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var prepared = new List<(CorpusText Text, string Key)>();
        foreach (var text in texts)
        {
            var cut = Cut(text.Text.Trim());
            if (cut.Length == 0)
            {
                continue;
            }

            var key = Normalise(cut);
            if (key.Length == 0)
            {
                continue;
            }

            prepared.Add((text with { Text = cut, Labels = WithParents(text.Labels) }, key));
        }

        var testKeys = prepared.Where(p => p.Text.Split == CorpusSplit.Test).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string Source, string Key)>();
        var result = new List<CorpusText>(prepared.Count);
        foreach (var (text, key) in prepared)
        {
            if (text.Split != CorpusSplit.Test && testKeys.Contains(key))
            {
                continue;
            }

            if (seen.Add((text.Source, key)))
            {
                result.Add(text);
            }
        }

        return result;
    }

    /// <summary>The form duplicates are compared in: NFKC, trimmed, whitespace runs as one space, lower case.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WhitespaceRun().Replace(text.Normalize(NormalizationForm.FormKC).Trim(), " ").ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();

    /// <summary>Split for a source without its own: SHA-256 of "source:id", 70 % Train, 10 % Calibration, 20 % Test.</summary>
    public static CorpusSplit HashSplit(string source, string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(source + ":" + id), hash);
        var bucket = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 100;
        return bucket switch
        {
            < 70 => CorpusSplit.Train,
            < 80 => CorpusSplit.Calibration,
            _ => CorpusSplit.Test,
        };
    }

    /// <summary>The category a sub-category rolls up into (harassment/threatening → harassment), or null for a top-level one.</summary>
    public static string? ParentOf(string category) => category switch
    {
        Categories.HarassmentThreatening => Categories.Harassment,
        Categories.HateThreatening => Categories.Hate,
        Categories.IllicitViolent => Categories.Illicit,
        Categories.SelfHarmIntent or Categories.SelfHarmInstructions => Categories.SelfHarm,
        Categories.SexualMinors => Categories.Sexual,
        Categories.ViolenceGraphic => Categories.Violence,
        _ => null,
    };

    /// <summary>One line per source and split: "source split count cat=positives/known …", then a total per split.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<CorpusText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var lines = new List<string>();
        var groups = texts
            .GroupBy(t => (t.Source, t.Split))
            .OrderBy(g => SourceOrder(g.Key.Source)).ThenBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Split);
        foreach (var group in groups)
        {
            lines.Add(DescribeLine($"{group.Key.Source} {group.Key.Split.ToString().ToLowerInvariant()}", group.ToList()));
        }

        foreach (var split in Enum.GetValues<CorpusSplit>())
        {
            lines.Add(DescribeLine($"all {split.ToString().ToLowerInvariant()}", texts.Where(t => t.Split == split).ToList()));
        }

        return lines;
    }

    private static string DescribeLine(string head, IReadOnlyList<CorpusText> texts)
    {
        var builder = new StringBuilder(head).Append(' ').Append(texts.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var category in Categories.All)
        {
            var known = 0;
            var positive = 0;
            foreach (var text in texts)
            {
                if (text.Labels.TryGetValue(category, out var value))
                {
                    known++;
                    positive += value;
                }
            }

            if (known > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $" {category}={positive}/{known}");
            }
        }

        return builder.ToString();
    }

    private static int SourceOrder(string source)
    {
        for (var i = 0; i < SourceCatalogue.All.Count; i++)
        {
            if (SourceCatalogue.All[i].Name == source)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static IReadOnlyDictionary<string, int> WithParents(IReadOnlyDictionary<string, int> labels)
    {
        var needsParent = labels.Any(l => l.Value == 1 && ParentOf(l.Key) is { } parent
                                          && (!labels.TryGetValue(parent, out var p) || p != 1));
        if (!needsParent)
        {
            return labels;
        }

        var copy = new Dictionary<string, int>(labels, StringComparer.Ordinal);
        foreach (var (category, value) in labels)
        {
            // Sub-categories nest only one level deep, so one pass reaches every parent.
            if (value == 1 && ParentOf(category) is { } parent)
            {
                copy[parent] = 1;
            }
        }

        return copy.AsReadOnly();
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxTextLength)
        {
            return text;
        }

        var length = MaxTextLength;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length].TrimEnd();
    }
}
