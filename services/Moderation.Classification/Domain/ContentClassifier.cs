using System.Text;
using System.Text.RegularExpressions;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>
/// The whole classification of one submission. The rules find evidence with spans; the default
/// model's calibrated heads read each window's embedding with that evidence and the text's
/// framings, and a text scores as its highest window; the site's learned layer replaces a
/// category's score where it earned promotion; rules of the policy's floor categories (threats,
/// sexual/minors, PII, spam) hold whatever the models say; a parent category scores at least as
/// high as its sub-categories; and the policy's thresholds give the verdict. Without a model the
/// rules' evidence is the score.
/// </summary>
public static class ContentClassifier
{
    public const string RulesOnly = "rules-only";

    /// <summary>Classifies a submission; <paramref name="evidence"/> is its <see cref="FindEvidence"/> when the caller found it already (the cascade does), used once.</summary>
    public static ClassificationOutcome Classify(CompiledPolicy policy, ModelReading? model, ClassificationInput input, Evidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        evidence ??= FindEvidence(policy, input);
        var scores = new double[Categories.All.Count];
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = 1 - evidence.Remaining[c];
        }

        var modelVersion = model is null ? RulesOnly : ReadModels(policy, model, input, evidence, scores);
        for (var c = 0; c < scores.Length; c++)
        {
            if (Categories.ParentOf(Categories.All[c]) is { } parent)
            {
                var p = Categories.IndexOf(parent);
                scores[p] = Math.Max(scores[p], scores[c]);
            }
        }

        var named = new Dictionary<string, double>(Categories.All.Count, StringComparer.Ordinal);
        var verdict = Verdict.Allow;
        for (var c = 0; c < scores.Length; c++)
        {
            var category = Categories.All[c];
            var score = Math.Round(scores[c], 4);
            named[category] = score;
            var (review, block) = policy.ThresholdsFor(category, input.Kind, input.Source, input.Publisher);
            var categoryVerdict = score >= block ? Verdict.Block : score >= review ? Verdict.Review : Verdict.Allow;
            verdict = categoryVerdict > verdict ? categoryVerdict : verdict;
        }

        return new ClassificationOutcome(verdict, named, evidence.Reasons, modelVersion, policy.Version);
    }

    /// <summary>The rules' and detectors' evidence over every field of a submission.</summary>
    public static Evidence FindEvidence(CompiledPolicy policy, ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        var contextMask = policy.ContextFramings(input.Kind, input.Source);
        var evidence = new Evidence(policy, contextMask);
        foreach (var field in input.Fields)
        {
            MatchRules(policy, field, contextMask, evidence);
            Detectors.FindPii(policy.Pii, field, evidence);
            Detectors.FindSpam(policy.Spam, field, input.TimesSeenBefore, evidence);
        }

        return evidence;
    }

    /// <summary>The text as the encoder and the n-grams read it: its fields joined by lines, without the policy's innocent phrases.</summary>
    public static string ModelText(CompiledPolicy policy, ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ModelText(policy, input.Fields.Count == 1 ? input.Fields[0].Text : string.Join('\n', input.Fields.Select(f => f.Text)));
    }

    /// <summary>One text as the encoder and the n-grams read it: without the policy's innocent phrases, its masked words read.</summary>
    public static string ModelText(CompiledPolicy policy, string text)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var read = EvasionFolding.MaskGrawlix(policy.Matcher.WithoutInnocentPhrases(text));
        return read.Contains('*') ? ReadMaskedWords(policy.Matcher, read) : read;
    }

    /// <summary>
    /// Masked words read as the policy word they hide (<see cref="RuleMatcher.Unmasked"/>), so the
    /// encoder reads the word the rules do: its word pieces of "c*nt" are "c", "*" and "nt", and
    /// "what a c*nt" was allowed where "what a cunt" is blocked.
    /// </summary>
    private static string ReadMaskedWords(RuleMatcher matcher, string text)
    {
        var read = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var token in RuleMatcher.Tokenize(text))
        {
            var word = text.AsSpan(token.Start, token.End - token.Start);
            if (word.Contains('*') && matcher.Unmasked(word.ToString().ToLowerInvariant()) is { } unmasked)
            {
                read.Append(text, copied, token.Start - copied).Append(unmasked);
                copied = token.End;
            }
        }

        return copied == 0 ? text : read.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Scores each category by the models where they have a head, the rules elsewhere; rule floors hold.</summary>
    private static string ReadModels(CompiledPolicy policy, ModelReading model, ClassificationInput input, Evidence evidence, double[] scores)
    {
        var categories = scores.Length;
        var folded = EvasionFolding.Fold(ModelText(policy, input)).Text;
        var window = DefaultScores.Read(model.Default, model.Windows, evidence, input.Kind, folded);
        var evidenceField = input.Fields.FirstOrDefault(f => f.Name == "body") ?? input.Fields[0];
        var site = model.Site?.Predict(window, input.Kind, folded, evidence.Strongest);
        // The public corpora hold comments and posts, no articles, so the default model never learned
        // what a whole submission's framing (its kind, its source) does to a word: those framings
        // scale its probability as they scale rule evidence. Framings found in sentences are features.
        var contextScale = new double[categories];
        Array.Fill(contextScale, 1.0);
        var contextMask = policy.ContextFramings(input.Kind, input.Source);
        foreach (var framing in policy.Framings.Where(f => (contextMask & f.Bit) != 0))
        {
            for (var c = 0; c < categories; c++)
            {
                contextScale[c] = Math.Min(1, contextScale[c] * framing.Scale[c]);
            }
        }

        for (var c = 0; c < categories; c++)
        {
            var (review, _) = policy.ThresholdsFor(Categories.All[c], input.Kind, input.Source, input.Publisher);
            var fromSite = site is not null && !double.IsNaN(site[c]);
            var probability = fromSite ? SiteModel.Centre(site![c], model.Site!.HeadFor(c)!.Threshold, review) : window.Probabilities[c] * contextScale[c];
            if (double.IsNaN(probability))
            {
                continue;
            }

            // The default model's probability and the rules' strongest evidence combine as a noisy-or: a
            // lexicon hit the model did not weigh (an evasion, a site's own word) still counts. A site's
            // layer replaces both, so its moderators can overrule the lexicon; floors hold either way.
            var combined = fromSite ? probability : 1 - ((1 - probability) * (1 - evidence.Floors[c]));
            scores[c] = policy.IsFloor(c) ? Math.Max(combined, evidence.Floors[c]) : combined;
            if (probability >= review && evidence.Reasons.Count < Evidence.MaxReasons)
            {
                evidence.Reasons.Add(new ClassificationReason(Categories.All[c], $"model:{(fromSite ? model.Site!.Version : model.Default.Version)}",
                    $"model probability {probability:0.00}", evidenceField.Name, new EvidenceSpan(0, evidenceField.Text.Length)));
            }
        }

        return model.Site is null ? model.Default.Version : $"{model.Default.Version}+{model.Site.Version}";
    }

    /// <summary>Finds the rules' evidence in one field, and the framings its cues and quotation marks show.</summary>
    private static void MatchRules(CompiledPolicy policy, ContentField field, int contextMask, Evidence evidence)
    {
        var folded = EvasionFolding.Fold(field.Text);
        var tokens = RuleMatcher.Tokenize(folded.Text);
        var read = ReadHiddenWords(policy.Matcher, folded, tokens);
        if (!ReferenceEquals(read, folded))
        {
            folded = read;
            tokens = RuleMatcher.Tokenize(folded.Text);
        }

        var text = folded.Text;
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

        evidence.FramingsSeen |= quotes.Count >= 2 ? policy.QuotationBit : 0;

        var sentenceMasks = new int[sentenceEnds.Count + 1];
        var innocent = new List<(int Start, int End)>();
        foreach (var hit in hits)
        {
            if (hit.Term.Category == Term.InnocentPhrase)
            {
                innocent.Add((tokens[hit.FirstToken].Start, tokens[hit.LastToken].End));
            }
            else if (hit.Term.Category == Term.FramingCue)
            {
                evidence.FramingsSeen |= hit.Term.FramingBit;
                sentenceMasks[IndexAfter(sentenceEnds, tokens[hit.FirstToken].Start)] |= hit.Term.FramingBit;
            }
        }

        bool Innocent(int start, int end) => innocent.Exists(p => p.Start <= start && end <= p.End);

        int MaskAt(int position) => contextMask | sentenceMasks[IndexAfter(sentenceEnds, position)]
            | ((IndexAfter(quotes, position) & 1) == 1 ? policy.QuotationBit : 0);

        foreach (var hit in hits)
        {
            var (start, end) = (tokens[hit.FirstToken].Start, tokens[hit.LastToken].End);
            if (hit.Term.Category >= 0 && !Innocent(start, end))
            {
                evidence.Add(field, folded, hit.Term.Category, hit.Term.Id, hit.Term.Weight, hit.Term.Detail, start, end, MaskAt(start));
            }
        }

        for (var p = 0; p < policy.Patterns.Count; p++)
        {
            var rule = policy.Patterns[p];
            try
            {
                foreach (var match in rule.Pattern.EnumerateMatches(text))
                {
                    if (match.Length > 0 && !Innocent(match.Index, match.Index + match.Length))
                    {
                        evidence.Add(field, folded, rule.Category, -1 - p, rule.Weight, rule.Detail, match.Index, match.Index + match.Length, MaskAt(match.Index));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological text against an operator's pattern: that pattern gives no evidence rather than stalling the queue.
                continue;
            }
        }
    }

    /// <summary>
    /// Words the folding cannot read without the policy's vocabulary, read as the policy word they
    /// hide: letters repeated for emphasis ("kiiilll"), masked letters ("c*nt", "motherf***er"), and
    /// a word spelled out after a one-letter word ("a b i t c h" folds to "abitch": read "a bitch"
    /// when the letters after the "a" or "i" begin a term and a separator stood between the two).
    /// </summary>
    private static FoldedText ReadHiddenWords(RuleMatcher matcher, FoldedText folded, List<Token> tokens)
    {
        List<(int, int, string)>? replacements = null;
        foreach (var token in tokens)
        {
            var word = folded.Text.AsSpan(token.Start, token.End - token.Start);
            var read = token.Elongated ? matcher.Canonical(word)
                : word.Contains('*') ? matcher.Unmasked(word)
                : SpelledOutAfterOneLetterWord(matcher, folded, token);
            if (read is not null)
            {
                (replacements ??= []).Add((token.Start, token.End, read));
            }
        }

        return replacements is null ? folded : folded.Replace(replacements);
    }

    private static string? SpelledOutAfterOneLetterWord(RuleMatcher matcher, FoldedText folded, Token token)
    {
        var text = folded.Text;
        if (token.End - token.Start < 4 || text[token.Start] is not ('a' or 'i')
            || folded.ToOriginal(token.Start, token.Start + 1).End == folded.ToOriginal(token.Start + 1, token.Start + 2).Start
            || !matcher.StartsATerm(text.AsSpan(token.Start + 1, token.End - token.Start - 1)))
        {
            return null;
        }

        return $"{text[token.Start]} {text[(token.Start + 1)..token.End]}";
    }

    /// <summary>How many sorted positions lie before <paramref name="position"/>: the sentence it is in, or the quotes opened before it.</summary>
    private static int IndexAfter(List<int> sorted, int position)
    {
        var index = sorted.BinarySearch(position);
        return index >= 0 ? index : ~index;
    }
}
