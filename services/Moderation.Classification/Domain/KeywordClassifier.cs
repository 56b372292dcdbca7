using System.Text.RegularExpressions;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>One piece of a submission to classify: its field name and its text.</summary>
public sealed record ContentField(string Name, string Text);

/// <summary>A pattern that is evidence for one category, with how strongly one match counts.</summary>
public sealed record KeywordRule(string Category, string Pattern, double Weight, string Detail);

/// <summary>
/// The first classifier: whole-word patterns per category, weighted by the kind of content they
/// appear in. News articles report violence and crime; the same words aimed at a person in a
/// comment are what moderators need to see, so they count for less in an article.
/// </summary>
public sealed class KeywordClassifier
{
    public const string ModelVersion = "keywords-1";
    public const string PolicyVersion = "default-1";

    /// <summary>Categories whose vocabulary is ordinary in reporting, and how much of it counts there.</summary>
    private static readonly Dictionary<string, double> ArticleDiscount = new(StringComparer.Ordinal)
    {
        [Categories.Violence] = 0.4,
        [Categories.ViolenceGraphic] = 0.6,
        [Categories.Illicit] = 0.4,
        [Categories.IllicitViolent] = 0.5,
        [Categories.HarassmentThreatening] = 0.4,
        [Categories.Hate] = 0.6,
        [Categories.SelfHarm] = 0.5,
    };

    private readonly List<(KeywordRule Rule, Regex Pattern)> _rules;
    private readonly VerdictPolicy _policy;

    public KeywordClassifier(IEnumerable<KeywordRule> rules, VerdictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _rules = rules
            .Select(rule => (rule, new Regex(rule.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200))))
            .ToList();
    }

    public static KeywordClassifier Default { get; } = new(DefaultLexicon.Rules, VerdictPolicy.Default);

    public ClassificationResult Classify(ContentKind kind, IReadOnlyList<ContentField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var remaining = Categories.All.ToDictionary(c => c, _ => 1.0, StringComparer.Ordinal);
        var reasons = new List<ClassificationReason>();
        var counted = new HashSet<(string, string)>();
        foreach (var field in fields)
        {
            foreach (var (rule, pattern) in _rules)
            {
                foreach (Match match in pattern.Matches(field.Text))
                {
                    var weight = rule.Weight;
                    var detail = rule.Detail;
                    if (kind == ContentKind.Article && ArticleDiscount.TryGetValue(rule.Category, out var discount))
                    {
                        weight *= discount;
                        detail += " (in reporting)";
                    }

                    // Noisy-or over distinct evidence: each new word closes part of the remaining doubt,
                    // while a long article repeating one word does not pile it up.
                    if (counted.Add((rule.Pattern, match.Value.ToUpperInvariant())))
                    {
                        remaining[rule.Category] *= 1 - weight;
                    }

                    reasons.Add(new ClassificationReason(rule.Category, $"rule:{ModelVersion}", $"{detail}: \"{match.Value}\"",
                        field.Name, new EvidenceSpan(match.Index, match.Index + match.Length)));
                }
            }
        }

        var scores = remaining.ToDictionary(r => r.Key, r => Math.Round(1 - r.Value, 4), StringComparer.Ordinal);
        return new ClassificationResult(_policy.Decide(kind, scores), scores, reasons, ModelVersion, PolicyVersion);
    }
}

/// <summary>Thresholds per content kind: at or above Review a person looks; at or above Block it comes down.</summary>
public sealed record VerdictPolicy(IReadOnlyDictionary<ContentKind, (double Review, double Block)> Thresholds)
{
    public static VerdictPolicy Default { get; } = new(new Dictionary<ContentKind, (double, double)>
    {
        [ContentKind.Comment] = (0.5, 0.9),
        [ContentKind.Article] = (0.7, 0.95),
    });

    public Verdict Decide(ContentKind kind, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var (review, block) = Thresholds[kind];
        var top = scores.Values.DefaultIfEmpty(0).Max();
        return top >= block ? Verdict.Block : top >= review ? Verdict.Review : Verdict.Allow;
    }
}
