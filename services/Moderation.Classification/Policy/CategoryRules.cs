namespace Moderation.Classification.Policy;

public sealed class CategoryRules
{
    public List<WordRule> Words { get; set; } = [];

    public List<PatternRule> Patterns { get; set; } = [];
}
