using System.Text.RegularExpressions;
using Moderation.Classification.Policy;
using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>One piece of a submission to classify: its field name and its text.</summary>
public sealed record ContentField(string Name, string Text);

/// <summary>What is classified: the fields, their kind and source, and how often the same text was seen before.</summary>
public sealed record ClassificationInput(ContentKind Kind, string? Source, IReadOnlyList<ContentField> Fields, int TimesSeenBefore = 0);

/// <summary>A trained model's view of a text: a probability per category it was trained for, and how far to trust it.</summary>
public interface ICategoryModel
{
    string Version { get; }

    /// <summary>Fills a probability per category index from the folded text (<see cref="TextNormalizer"/>), or NaN where the model has nothing to say.</summary>
    void Predict(ContentKind kind, string folded, Span<double> probabilities);

    /// <summary>How many positive examples the model learned a category from.</summary>
    int PositivesFor(int category);
}

/// <summary>
/// The whole classification of one submission: rules on the folded text with context, the PII and
/// spam detectors, the model blended in by how much it has learned, and the policy's verdict.
/// </summary>
public static class ContentClassifier
{
    public const string RulesOnly = "rules-only";
    private const int MaxReasons = 200;

    public static ClassificationResult Classify(CompiledPolicy policy, ICategoryModel? model, ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        var remaining = new double[Categories.All.Count];
        Array.Fill(remaining, 1.0);
        var reasons = new List<ClassificationReason>();
        var counted = new HashSet<(int Rule, int Text)>();
        var evidence = new Evidence(policy, remaining, reasons, counted);
        var contextMask = policy.ContextFramings(input.Kind, input.Source);
        string? folded = null;
        foreach (var field in input.Fields)
        {
            folded = MatchRules(policy, field, contextMask, evidence);
            Detectors.FindPii(policy.Pii, field, evidence);
            Detectors.FindSpam(policy.Spam, field, input.TimesSeenBefore, evidence);
        }

        var scores = new Dictionary<string, double>(Categories.All.Count, StringComparer.Ordinal);
        var modelVersion = model is null
            ? RulesOnly
            : Blend(policy, model, input, input.Fields.Count == 1 ? folded! : TextNormalizer.Normalize(string.Join('\n', input.Fields.Select(f => f.Text))).Text, remaining, reasons);
        var verdict = Verdict.Allow;
        for (var c = 0; c < remaining.Length; c++)
        {
            var category = Categories.All[c];
            var score = Math.Round(1 - remaining[c], 4);
            scores[category] = score;
            var (review, block) = policy.ThresholdsFor(category, input.Kind, input.Source);
            var categoryVerdict = score >= block ? Verdict.Block : score >= review ? Verdict.Review : Verdict.Allow;
            verdict = categoryVerdict > verdict ? categoryVerdict : verdict;
        }

        return new ClassificationResult(verdict, scores, reasons, modelVersion, policy.Version);
    }

    /// <summary>
    /// Moves each rule score towards the model's probability by the model's share: nothing without a
    /// model, up to <c>model.max_weight</c> once a category has <c>trusted_at_positives</c> positives.
    /// Stored as the remaining doubt (1 - score) like the rules.
    /// </summary>
    private static string Blend(CompiledPolicy policy, ICategoryModel model, ClassificationInput input, string folded, double[] remaining, List<ClassificationReason> reasons)
    {
        Span<double> probabilities = stackalloc double[remaining.Length];
        model.Predict(input.Kind, folded, probabilities);
        var evidenceField = input.Fields.FirstOrDefault(f => f.Name == "body") ?? input.Fields[0];
        for (var c = 0; c < remaining.Length; c++)
        {
            if (double.IsNaN(probabilities[c]))
            {
                continue;
            }

            var share = policy.Model.MaxWeight * Math.Min(1.0, model.PositivesFor(c) / (double)policy.Model.TrustedAtPositives);
            var score = ((1 - share) * (1 - remaining[c])) + (share * probabilities[c]);
            remaining[c] = 1 - score;
            if (share > 0 && probabilities[c] >= 0.5 && reasons.Count < MaxReasons)
            {
                reasons.Add(new ClassificationReason(Categories.All[c], $"model:{model.Version}", $"model probability {probabilities[c]:0.00}",
                    evidenceField.Name, new EvidenceSpan(0, evidenceField.Text.Length)));
            }
        }

        return model.Version;
    }

    /// <summary>Finds the rules' evidence in one field; returns the field's folded text, which the model reads too.</summary>
    private static string MatchRules(CompiledPolicy policy, ContentField field, int contextMask, Evidence evidence)
    {
        var normalized = TextNormalizer.Normalize(field.Text);
        var folded = normalized.Text;
        var tokens = RuleMatcher.Tokenize(normalized.Text);
        if (tokens.Exists(t => t.Elongated))
        {
            normalized = ReadElongatedWords(policy.Matcher, normalized, tokens);
            tokens = RuleMatcher.Tokenize(normalized.Text);
        }

        var text = normalized.Text;
        var hits = new List<TermHit>();
        policy.Matcher.Match(text, tokens, hits);
        var sentenceEnds = new List<int>();
        var quotes = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or '\n' or ';')
            {
                sentenceEnds.Add(i);
            }
            else if (text[i] == '"')
            {
                quotes.Add(i);
            }
        }

        var sentenceMasks = new int[sentenceEnds.Count + 1];
        foreach (var hit in hits)
        {
            if (hit.Term.Category < 0)
            {
                sentenceMasks[IndexAfter(sentenceEnds, tokens[hit.FirstToken].Start)] |= hit.Term.FramingBit;
            }
        }

        int MaskAt(int position) => contextMask | sentenceMasks[IndexAfter(sentenceEnds, position)]
            | ((IndexAfter(quotes, position) & 1) == 1 ? policy.QuotationBit : 0);

        foreach (var hit in hits)
        {
            if (hit.Term.Category >= 0)
            {
                var start = tokens[hit.FirstToken].Start;
                var end = tokens[hit.LastToken].End;
                evidence.Add(field, normalized, hit.Term.Category, hit.Term.Id, hit.Term.Weight, hit.Term.Detail, start, end, MaskAt(start));
            }
        }

        for (var p = 0; p < policy.Patterns.Count; p++)
        {
            var rule = policy.Patterns[p];
            try
            {
                foreach (var match in rule.Pattern.EnumerateMatches(text))
                {
                    if (match.Length > 0)
                    {
                        evidence.Add(field, normalized, rule.Category, -1 - p, rule.Weight, rule.Detail, match.Index, match.Index + match.Length, MaskAt(match.Index));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological text against an operator's pattern: that pattern gives no evidence rather than stalling the queue.
                continue;
            }
        }

        return folded;
    }

    private static NormalizedText ReadElongatedWords(RuleMatcher matcher, NormalizedText normalized, List<Token> tokens)
    {
        var replacements = new List<(int, int, string)>();
        foreach (var token in tokens)
        {
            if (token.Elongated && matcher.Canonical(normalized.Text.AsSpan(token.Start, token.End - token.Start)) is { } word)
            {
                replacements.Add((token.Start, token.End, word));
            }
        }

        return replacements.Count == 0 ? normalized : normalized.Replace(replacements);
    }

    /// <summary>How many sorted positions lie before <paramref name="position"/>: the sentence it is in, or the quotes opened before it.</summary>
    private static int IndexAfter(List<int> sorted, int position)
    {
        var index = sorted.BinarySearch(position);
        return index >= 0 ? index : ~index;
    }

    /// <summary>Collects evidence: noisy-or per category over distinct matches, one reason per match.</summary>
    internal sealed class Evidence(CompiledPolicy policy, double[] remaining, List<ClassificationReason> reasons, HashSet<(int, int)> counted)
    {
        public void Add(ContentField field, NormalizedText normalized, int category, int rule, double weight, string detail, int start, int end, int framingMask)
        {
            var (originalStart, originalEnd) = normalized.ToOriginal(start, end);
            List<string>? labels = null;
            foreach (var framing in policy.Framings)
            {
                if ((framingMask & framing.Bit) != 0 && framing.Scale[category] != 1.0)
                {
                    weight *= framing.Scale[category];
                    (labels ??= []).Add(framing.Label);
                }
            }

            var text = normalized.Text.AsSpan(start, end - start);
            AddOriginal(field, category, rule, string.GetHashCode(text), Math.Min(weight, 0.99),
                labels is null ? detail : $"{detail} ({string.Join(", ", labels)})", originalStart, originalEnd);
        }

        private static string Excerpt(string text, int start, int end) =>
            end - start <= 80 ? text[start..end] : string.Concat(text.AsSpan(start, 77), "…");

        /// <summary>Evidence found on the original text (detectors), or already mapped back to it.</summary>
        public void AddOriginal(ContentField field, int category, int rule, int textKey, double weight, string detail, int start, int end)
        {
            // Noisy-or over distinct evidence: each new match closes part of the remaining doubt,
            // while a long article repeating one word does not pile it up.
            if (counted.Add((rule, textKey)))
            {
                remaining[category] *= 1 - weight;
            }

            if (reasons.Count < MaxReasons)
            {
                reasons.Add(new ClassificationReason(Categories.All[category], $"rule:{policy.Version}",
                    $"{detail}: \"{Excerpt(field.Text, start, end)}\"", field.Name, new EvidenceSpan(start, end)));
            }
        }
    }
}
