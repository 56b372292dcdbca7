using Microsoft.Extensions.Options;
using Moderation.Audit.Storage;

namespace Moderation.Audit.Domain.Dashboard;

/// <summary>
/// Keeps <see cref="DashboardFigures"/> up to date from the audit log: each read first folds in the
/// entries logged after its checkpoint (the last sequence number folded), so the figures always
/// match the verified log and need no store of their own. A new process starts from sequence 0.
/// </summary>
public sealed class DashboardProjection(IAuditLog log, TimeProvider clock, IOptions<AuditOptions> options) : IDisposable
{
    private const int PageSize = 1_000;

    private readonly DashboardFigures _figures = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<DashboardReading> OverviewAsync(DateTimeOffset from, DateTimeOffset to, ErrorQueueReading errorQueues, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            return _figures.Overview(from, to, clock.GetUtcNow(), options.Value.ReviewSla, errorQueues);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditEntry> page;
        do
        {
            page = await log.ListAsync(null, _figures.LastSequence, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                _figures.Apply(entry);
            }
        }
        while (page.Count == PageSize);
    }

    public void Dispose() => _gate.Dispose();
}
