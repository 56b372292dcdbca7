namespace Moderation.Classification.Policy;

/// <summary>The policy file as operators write it (YAML or JSON, snake_case keys); <see cref="CompiledPolicy"/> checks and compiles it.</summary>
public sealed class PolicyDocument
{
    public string? Version { get; set; }

    public List<ThresholdLine> Thresholds { get; set; } = [];

    public ModelSettings Model { get; set; } = new();

    public Dictionary<string, FramingDocument> Framings { get; set; } = [];

    public Dictionary<string, List<string>> Kinds { get; set; } = [];

    public List<SourceDocument> Sources { get; set; } = [];

    public Dictionary<string, CategoryRules> Categories { get; set; } = [];

    public PiiWeights Pii { get; set; } = new();

    public SpamSettings Spam { get; set; } = new();
}

/// <summary>Review and block thresholds for the scores they match; the most specific line wins.</summary>
public sealed class ThresholdLine
{
    public string? Category { get; set; }

    public string? Kind { get; set; }

    public string? Source { get; set; }

    public double Review { get; set; }

    public double Block { get; set; }
}

/// <summary>How rules and models meet.</summary>
public sealed class ModelSettings
{
    /// <summary>Categories whose rule evidence holds whatever a model says: high-precision rules such as threats, PII and spam.</summary>
    public List<string> Floors { get; set; } = [];

    /// <summary>
    /// When set, a site's learned layer puts each category's decision point at the lowest score
    /// reaching this precision on held-out labels; otherwise at its best F1.
    /// </summary>
    public double? SitePrecisionTarget { get; set; }
}

/// <summary>A way of framing words (reporting, quotation, fiction…): the cue phrases that reveal it and how it scales each category.</summary>
public sealed class FramingDocument
{
    public string? Label { get; set; }

    public List<string> Cues { get; set; } = [];

    public Dictionary<string, double> Scale { get; set; } = [];
}

public sealed class SourceDocument
{
    public string? Name { get; set; }

    public List<string> Framings { get; set; } = [];
}

public sealed class CategoryRules
{
    public List<WordRule> Words { get; set; } = [];

    public List<PatternRule> Patterns { get; set; } = [];
}

/// <summary>Whole words or phrases, matched on the folded text; each counts with the weight given.</summary>
public sealed class WordRule
{
    public double Weight { get; set; }

    public string? Detail { get; set; }

    public List<string> Terms { get; set; } = [];
}

/// <summary>A regular expression over the folded text (lower case, evasions undone).</summary>
public sealed class PatternRule
{
    public double Weight { get; set; }

    public string? Detail { get; set; }

    public string? Regex { get; set; }
}

public sealed class PiiWeights
{
    public double Email { get; set; } = 0.7;

    public double Phone { get; set; } = 0.6;

    public double PaymentCard { get; set; } = 0.9;

    public double NationalId { get; set; } = 0.8;
}

public sealed class SpamSettings
{
    /// <summary>From this many links on, a text is a link flood.</summary>
    public int LinksFrom { get; set; } = 3;

    public double LinkFloodWeight { get; set; } = 0.7;

    /// <summary>Shouting: at least this many letters, and at least this share of them upper case.</summary>
    public int ShoutingMinLetters { get; set; } = 20;

    public double ShoutingRatio { get; set; } = 0.7;

    public double ShoutingWeight { get; set; } = 0.5;

    /// <summary>The same text from the same source this many times is repeated spam.</summary>
    public int RepeatsFrom { get; set; } = 3;

    public double RepeatWeight { get; set; } = 0.8;
}
