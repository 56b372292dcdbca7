using System.Text.RegularExpressions;
using Moderation.Classification.Domain;
using Moderation.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Moderation.Classification.Policy;

/// <summary>
/// Reads a policy file and checks all of it before anything runs: every problem found is named in
/// one <see cref="PolicyException"/>, so an operator fixes a refused edit in one go.
/// </summary>
public static class PolicyCompiler
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    private const int MaxInnocentPhraseLength = 100;

    public static CompiledPolicy Parse(string yamlOrJson)
    {
        PolicyDocument? document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<PolicyDocument>(yamlOrJson);
        }
        catch (YamlException ex)
        {
            throw new PolicyException($"The policy file is not valid YAML or JSON at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }

        return Compile(document ?? throw new PolicyException("The policy file is empty."));
    }

    private static CompiledPolicy Compile(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Version))
        {
            errors.Add("version: is required.");
        }

        var categoryIndex = Categories.All.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        CheckThresholds(document, categoryIndex, errors);
        var framings = CompileFramings(document, categoryIndex, errors);
        var framingBits = framings.ToDictionary(f => f.Name, f => f.Bit, StringComparer.Ordinal);
        var matcher = new RuleMatcher();
        foreach (var framing in framings)
        {
            matcher.AddFramingCues(framing.Bit, document.Framings[framing.Name].Cues);
        }

        var innocentPhrases = document.InnocentPhrases ?? [];
        foreach (var (phrase, n) in innocentPhrases.Select((p, n) => (p, n)))
        {
            if (string.IsNullOrWhiteSpace(phrase) || phrase.Length > MaxInnocentPhraseLength)
            {
                errors.Add($"innocent_phrases[{n}]: must be a phrase of 1 to {MaxInnocentPhraseLength} characters.");
            }
        }

        matcher.AddInnocentPhrases(innocentPhrases.Where(p => !string.IsNullOrWhiteSpace(p)));

        var patterns = new List<PatternEvidenceRule>();
        foreach (var (category, rules) in document.Categories)
        {
            if (!categoryIndex.TryGetValue(category, out var index))
            {
                errors.Add($"categories.{category}: is not a category of the taxonomy.");
                continue;
            }

            foreach (var (rule, n) in rules.Words.Select((r, n) => (r, n)))
            {
                var where = $"categories.{category}.words[{n}]";
                CheckWeight(where, rule.Weight, errors);
                matcher.AddTerms(index, rule.Weight, rule.Detail ?? category, rule.Terms);
            }

            foreach (var (rule, n) in rules.Patterns.Select((r, n) => (r, n)))
            {
                var where = $"categories.{category}.patterns[{n}]";
                CheckWeight(where, rule.Weight, errors);
                try
                {
                    patterns.Add(new PatternEvidenceRule(index,
                        new Regex(rule.Regex ?? throw new ArgumentException("is required."), RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout),
                        rule.Weight, rule.Detail ?? category));
                    matcher.AddPatternVocabulary(rule.Regex);
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"{where}.regex: {ex.Message}");
                }
            }
        }

        var kindFramings = new Dictionary<ContentKind, int>();
        foreach (var (kind, names) in document.Kinds)
        {
            if (!Enum.TryParse<ContentKind>(kind, ignoreCase: true, out var parsed))
            {
                errors.Add($"kinds.{kind}: is not a content kind (article or comment).");
                continue;
            }

            kindFramings[parsed] = FramingMask($"kinds.{kind}", names, framingBits, errors);
        }

        var sources = document.Sources
            .Select((s, n) => (s.Name ?? string.Empty, FramingMask($"sources[{n}]", s.Framings, framingBits, errors)))
            .ToList();
        CheckDetectors(document, errors);
        if (errors.Count > 0)
        {
            throw new PolicyException("The policy file was refused: " + string.Join(" ", errors));
        }

        return new CompiledPolicy(document, matcher, patterns, framings, kindFramings, sources);
    }

    private static void CheckThresholds(PolicyDocument document, Dictionary<string, int> categoryIndex, List<string> errors)
    {
        if (!document.Thresholds.Any(t => t.Category is null && t.Kind is null && t.Source is null && t.Publisher is null))
        {
            errors.Add("thresholds: needs a default line without category, kind, source or publisher.");
        }

        foreach (var (line, n) in document.Thresholds.Select((t, n) => (t, n)))
        {
            if (line.Category is not null && !categoryIndex.ContainsKey(line.Category))
            {
                errors.Add($"thresholds[{n}].category: '{line.Category}' is not a category of the taxonomy.");
            }

            if (line.Kind is not null && !Enum.TryParse<ContentKind>(line.Kind, ignoreCase: true, out _))
            {
                errors.Add($"thresholds[{n}].kind: '{line.Kind}' is not a content kind (article or comment).");
            }

            if (line.Review is <= 0 or > 1 || line.Block is <= 0 or > 1 || line.Review > line.Block)
            {
                errors.Add($"thresholds[{n}]: review and block must be in (0, 1] with review <= block.");
            }
        }
    }

    private static List<Framing> CompileFramings(PolicyDocument document, Dictionary<string, int> categoryIndex, List<string> errors)
    {
        if (document.Framings.Count > 30)
        {
            errors.Add("framings: at most 30 are supported.");
            return [];
        }

        var framings = new List<Framing>();
        foreach (var (name, framing) in document.Framings)
        {
            var scale = Enumerable.Repeat(1.0, Categories.All.Count).ToArray();
            foreach (var (category, factor) in framing.Scale)
            {
                if (!categoryIndex.TryGetValue(category, out var index))
                {
                    errors.Add($"framings.{name}.scale.{category}: is not a category of the taxonomy.");
                }
                else if (factor is < 0 or > 5)
                {
                    errors.Add($"framings.{name}.scale.{category}: must be between 0 and 5.");
                }
                else
                {
                    scale[index] = factor;
                }
            }

            framings.Add(new Framing(name, 1 << framings.Count, framing.Label ?? name, scale));
        }

        return framings;
    }

    private static int FramingMask(string where, List<string> names, Dictionary<string, int> framingBits, List<string> errors)
    {
        var mask = 0;
        foreach (var name in names)
        {
            if (framingBits.TryGetValue(name, out var bit))
            {
                mask |= bit;
            }
            else
            {
                errors.Add($"{where}: framing '{name}' is not defined under framings.");
            }
        }

        return mask;
    }

    private static void CheckDetectors(PolicyDocument document, List<string> errors)
    {
        CheckWeight("pii.email", document.Pii.Email, errors);
        CheckWeight("pii.phone", document.Pii.Phone, errors);
        CheckWeight("pii.payment_card", document.Pii.PaymentCard, errors);
        CheckWeight("pii.national_id", document.Pii.NationalId, errors);
        CheckWeight("spam.link_flood_weight", document.Spam.LinkFloodWeight, errors);
        CheckWeight("spam.shouting_weight", document.Spam.ShoutingWeight, errors);
        CheckWeight("spam.repeat_weight", document.Spam.RepeatWeight, errors);
        if (document.Spam.LinksFrom < 1 || document.Spam.RepeatsFrom < 2 || document.Spam.ShoutingMinLetters < 1 || document.Spam.ShoutingRatio is <= 0 or > 1)
        {
            errors.Add("spam: links_from >= 1, repeats_from >= 2, shouting_min_letters >= 1 and shouting_ratio in (0, 1] are required.");
        }

        if (document.Model.SitePrecisionTarget is <= 0 or > 1)
        {
            errors.Add($"model.site_precision_target: {document.Model.SitePrecisionTarget} must be in (0, 1].");
        }

        foreach (var floor in document.Model.Floors.Where(f => Categories.IndexOf(f) < 0))
        {
            errors.Add($"model.floors: '{floor}' is not a category of the taxonomy.");
        }
    }

    private static void CheckWeight(string where, double weight, List<string> errors)
    {
        if (weight is < 0 or > 1)
        {
            errors.Add($"{where}: weight {weight} must be between 0 and 1.");
        }
    }
}
