using System.Diagnostics;

namespace Moderation.Corpora.Tests;

/// <summary>The corpora, loaded once for every test that needs them; null where the folder is missing (a fresh clone).</summary>
public sealed class LoadedCorpora
{
    public LoadedCorpora()
    {
        Root = PublicCorpora.TryFindRoot();
        if (Root is not null)
        {
            var watch = Stopwatch.StartNew();
            Texts = PublicCorpora.Load(Root);
            LoadTime = watch.Elapsed;
        }
    }

    public string? Root { get; }

    public IReadOnlyList<CorpusText>? Texts { get; }

    public TimeSpan LoadTime { get; }

    public const string MissingReason =
        "the public corpora are not here (no ../shared/corpora next to the repository and MODERATION_CORPORA unset)";
}

[CollectionDefinition(Name)]
public sealed class CorporaCollection : ICollectionFixture<LoadedCorpora>
{
    public const string Name = "public corpora";
}
