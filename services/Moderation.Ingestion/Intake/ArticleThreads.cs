using Microsoft.Extensions.Caching.Memory;
using Moderation.Ingestion.Storage;

namespace Moderation.Ingestion.Intake;

/// <summary>
/// The source, title and publisher of stored articles, which never change, kept for the comments that name
/// them, so a busy thread does not read its article's whole record (body and all) for every comment.
/// At most <see cref="Capacity"/> articles are kept, the least recently used leaving first; an
/// article not found is not remembered, as it may be submitted a moment later.
/// </summary>
public sealed class ArticleThreads(ISubmissionStore store) : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public async Task<ArticleThread?> FindAsync(Guid articleId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(articleId, out ArticleThread? known))
        {
            return known;
        }

        if (await store.FindArticleAsync(articleId, cancellationToken) is not { } article)
        {
            return null;
        }

        var thread = new ArticleThread(article.Source, article.Title, article.Publisher);
        _known.Set(articleId, thread, new MemoryCacheEntryOptions { Size = 1 });
        return thread;
    }

    public void Dispose() => _known.Dispose();
}
