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

    /// <summary>Phrases in which a listed word is no evidence ("cum laude", "van dyke", "chink in the armour").</summary>
    public List<string> InnocentPhrases { get; set; } = [];

    public PiiWeights Pii { get; set; } = new();

    public SpamSettings Spam { get; set; } = new();
}
