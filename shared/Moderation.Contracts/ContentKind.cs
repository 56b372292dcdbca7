namespace Moderation.Contracts;

public enum ContentKind
{
    Article,
    Comment,
}
