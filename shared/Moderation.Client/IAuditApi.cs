using Refit;

namespace Moderation.Client;

/// <summary>The Audit service's hash-chained log (role <c>auditor</c>).</summary>
[Headers("Accept: application/json")]
public interface IAuditApi
{
    [Get("/api/v1/audit/entries")]
    Task<AuditEntriesPage> ListEntriesAsync(Guid? submissionId = null, long? after = null, int? limit = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/verify")]
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>Verifies the chain and that entry <paramref name="sequence"/> still carries <paramref name="hash"/>, as an earlier checkpoint said.</summary>
    [Get("/api/v1/audit/verify")]
    Task<AuditVerification> VerifyAgainstCheckpointAsync(long sequence, string hash, CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/checkpoint")]
    Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/audit/checkpoint-key")]
    Task<AuditCheckpointKey> GetCheckpointKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>The whole log, one <see cref="AuditExportedEntry"/> per line, for verification away from the service.</summary>
    [Get("/api/v1/audit/export.ndjson")]
    [Headers("Accept: application/x-ndjson")]
    Task<string> ExportNdjsonAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/stats/overview")]
    Task<StatsOverview> GetOverviewAsync([Query(Format = "o")] DateTimeOffset? from = null, [Query(Format = "o")] DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>The entries that occurred in [from, to) as CSV, one row per entry, in sequence order.</summary>
    [Get("/api/v1/audit/export.csv")]
    [Headers("Accept: text/csv")]
    Task<string> ExportCsvAsync([Query(Format = "o")] DateTimeOffset? from = null, [Query(Format = "o")] DateTimeOffset? to = null, CancellationToken cancellationToken = default);
}
