namespace Moderation.Classification.Domain;

/// <summary>One piece of a submission to classify: its field name and its text.</summary>
public sealed record ContentField(string Name, string Text);
