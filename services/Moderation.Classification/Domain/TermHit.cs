namespace Moderation.Classification.Domain;

public readonly record struct TermHit(Term Term, int FirstToken, int LastToken);
