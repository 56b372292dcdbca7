using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>
/// The evidence the rules and detectors find in one submission: the rules-only score per category
/// as a noisy-or over distinct matches (scaled by framings), the strongest single match per category
/// as the models read it and after framings (the model's features and the floors: neither grows with
/// the length of a text), the framings seen, and one reason per match.
/// </summary>
public sealed class Evidence
{
    /// <summary>The most reasons one text gives; past it, evidence still counts but is not listed.</summary>
    public const int MaxReasons = 200;

    private readonly CompiledPolicy _policy;
    private readonly HashSet<(int Rule, int Text)> _counted = [];

    internal Evidence(CompiledPolicy policy, int contextMask)
    {
        _policy = policy;
        FramingsSeen = contextMask;
        Array.Fill(Remaining, 1.0);
    }

    /// <summary>1 - the rules-only score, per category.</summary>
    public double[] Remaining { get; } = new double[Categories.All.Count];

    /// <summary>
    /// The framing whose words are mentioned, not used: quoted, or discussed as words. The models
    /// read the other framings as features and learn what each does to a text, but a quoted slur
    /// reads to them as the slur (the corpora quote few), so "Statements like 'women are scum' are
    /// hurtful" scored hate 0.91 where its rules gave 0.23. What a text quotes is no assertion of
    /// its writer's: the models read it at this framing's scale.
    /// </summary>
    public const string MentionFraming = "quotation";

    /// <summary>The weight of the strongest match per category, before framings but the <see cref="MentionFraming"/>: what the models read.</summary>
    public double[] Strongest { get; } = new double[Categories.All.Count];

    /// <summary>The weight of the strongest match per category, after framings.</summary>
    public double[] Floors { get; } = new double[Categories.All.Count];

    /// <summary>The policy's framing bits the text shows anywhere, or has by its kind and source.</summary>
    public int FramingsSeen { get; internal set; }

    public List<ClassificationReason> Reasons { get; } = [];

    /// <summary>The names of the framings seen.</summary>
    public IReadOnlySet<string> FramingNames() =>
        _policy.Framings.Where(f => (FramingsSeen & f.Bit) != 0).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    public void Add(ContentField field, FoldedText folded, int category, int rule, double weight, string detail, int start, int end, int framingMask)
    {
        var (originalStart, originalEnd) = folded.ToOriginal(start, end);
        List<string>? labels = null;
        var (framed, read) = (weight, weight);
        foreach (var framing in _policy.Framings)
        {
            if ((framingMask & framing.Bit) != 0 && framing.Scale[category] != 1.0)
            {
                framed *= framing.Scale[category];
                read *= framing.Name == MentionFraming ? framing.Scale[category] : 1;
                (labels ??= []).Add(framing.Label);
            }
        }

        var text = folded.Text.AsSpan(start, end - start);
        Record(field, category, rule, string.GetHashCode(text), Math.Min(framed, 0.99), Math.Min(read, 0.99),
            labels is null ? detail : $"{detail} ({string.Join(", ", labels)})", originalStart, originalEnd);
    }

    private static string Excerpt(string text, int start, int end) =>
        end - start <= 80 ? text[start..end] : string.Concat(text.AsSpan(start, 77), "…");

    /// <summary>Evidence found on the original text by a detector: no framing applies.</summary>
    public void AddOriginal(ContentField field, int category, int rule, int textKey, double weight, string detail, int start, int end) =>
        Record(field, category, rule, textKey, weight, weight, detail, start, end);

    private void Record(ContentField field, int category, int rule, int textKey, double framed, double read, string detail, int start, int end)
    {
        // Noisy-or over distinct evidence: each new match closes part of the remaining doubt,
        // while a long article repeating one word does not pile it up.
        if (_counted.Add((rule, textKey)))
        {
            Remaining[category] *= 1 - framed;
        }

        Strongest[category] = Math.Max(Strongest[category], read);
        Floors[category] = Math.Max(Floors[category], framed);
        if (Reasons.Count < MaxReasons)
        {
            Reasons.Add(new ClassificationReason(Categories.All[category], $"rule:{_policy.Version}",
                $"{detail}: \"{Excerpt(field.Text, start, end)}\"", field.Name, new EvidenceSpan(start, end)));
        }
    }
}
