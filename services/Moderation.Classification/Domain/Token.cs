namespace Moderation.Classification.Domain;

/// <summary>A word of the folded text: its span, and whether a letter in it repeats three times or more ("kiiill").</summary>
public readonly record struct Token(int Start, int End, bool Elongated);
