namespace Moderation.Classification.Policy;

public sealed class SourceDocument
{
    public string? Name { get; set; }

    public List<string> Framings { get; set; } = [];
}
