using Moderation.Classification.Domain;
using Moderation.Contracts;

namespace Moderation.Classification.Policy;

/// <summary>A checked, ready-to-run policy: lexicon, patterns, framings, thresholds and detector weights.</summary>
public sealed class CompiledPolicy
{
    public const string QuotationFraming = "quotation";

    private readonly List<(ThresholdLine Line, int Specificity)> _thresholds;
    private readonly bool[] _floors = new bool[Categories.All.Count];

    internal CompiledPolicy(PolicyDocument document, RuleMatcher matcher, List<PatternEvidenceRule> patterns, List<Framing> framings,
        Dictionary<ContentKind, int> kindFramings, List<(string Name, int Mask)> sources)
    {
        Version = document.Version!;
        Matcher = matcher;
        Patterns = patterns;
        Framings = framings;
        KindFramings = kindFramings;
        Sources = sources;
        Model = document.Model;
        foreach (var floor in document.Model.Floors)
        {
            _floors[Categories.IndexOf(floor)] = true;
        }

        Pii = document.Pii;
        Spam = document.Spam;
        QuotationBit = framings.FirstOrDefault(f => f.Name == QuotationFraming)?.Bit ?? 0;
        _thresholds = document.Thresholds
            .Select(t => (t, (t.Category is null ? 0 : 8) + (t.Publisher is null ? 0 : 4) + (t.Source is null ? 0 : 2) + (t.Kind is null ? 0 : 1)))
            .ToList();
    }

    public string Version { get; }

    public RuleMatcher Matcher { get; }

    public IReadOnlyList<PatternEvidenceRule> Patterns { get; }

    public IReadOnlyList<Framing> Framings { get; }

    public IReadOnlyDictionary<ContentKind, int> KindFramings { get; }

    public IReadOnlyList<(string Name, int Mask)> Sources { get; }

    public int QuotationBit { get; }

    public ModelSettings Model { get; }

    /// <summary>Whether a category's rule evidence is a floor under the models' score.</summary>
    public bool IsFloor(int category) => _floors[category];

    public PiiWeights Pii { get; }

    public SpamSettings Spam { get; }

    /// <summary>The framings a whole submission gets from its kind and its source (a host or any of its subdomains).</summary>
    public int ContextFramings(ContentKind kind, string? source)
    {
        var mask = KindFramings.GetValueOrDefault(kind);
        if (!string.IsNullOrEmpty(source))
        {
            foreach (var (name, sourceMask) in Sources)
            {
                if (source.Equals(name, StringComparison.OrdinalIgnoreCase) || source.EndsWith("." + name, StringComparison.OrdinalIgnoreCase))
                {
                    mask |= sourceMask;
                }
            }
        }

        return mask;
    }

    /// <summary>
    /// The thresholds for one category of one submission: the most specific matching line, the later
    /// one on a tie. A line's category counts most, then its publisher, its source and its kind.
    /// </summary>
    public (double Review, double Block) ThresholdsFor(string category, ContentKind kind, string? source, string? publisher = null)
    {
        var kindName = kind.ToString();
        ThresholdLine? best = null;
        var bestSpecificity = -1;
        foreach (var (line, specificity) in _thresholds)
        {
            if ((line.Category is null || line.Category == category)
                && (line.Kind is null || line.Kind.Equals(kindName, StringComparison.OrdinalIgnoreCase))
                && (line.Source is null || string.Equals(line.Source, source, StringComparison.OrdinalIgnoreCase))
                && (line.Publisher is null || string.Equals(line.Publisher, publisher, StringComparison.Ordinal))
                && specificity >= bestSpecificity)
            {
                best = line;
                bestSpecificity = specificity;
            }
        }

        return (best!.Review, best.Block);
    }

    /// <summary>The team's default policy as shipped beside the binaries.</summary>
    public static CompiledPolicy LoadDefault() =>
        PolicyCompiler.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ClassificationOptions.DefaultPolicyPath)));
}
