using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.Extensions.Options;
using Moderation.Audit.Domain;
using Moderation.Audit.Domain.Chain;
using Moderation.Audit.Domain.Dashboard;
using Moderation.Audit.Storage;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.ServiceDefaults;

namespace Moderation.Audit.Endpoints;

public static partial class AuditEndpoints
{
    public const int MaxPageSize = 1_000;

    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromHours(24);

    /// <summary>A cell that a spreadsheet would run as a formula (=, +, -, @ first) is written escaped.</summary>
    private static readonly CsvWriterOptions CsvFormat = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/api/v1/audit")
            .RequireAuthorization(Roles.Auditor)
            .WithTags("Audit");
        audit.MapGet("/entries", ListEntries).WithName("ListAuditEntries").ProducesValidationProblem();
        audit.MapGet("/verify", Verify).WithName("VerifyAuditLog").ProducesValidationProblem();
        audit.MapGet("/checkpoint", Checkpoint).WithName("GetAuditCheckpoint").ProducesProblem(StatusCodes.Status409Conflict);
        audit.MapGet("/checkpoint-key", CheckpointPublicKey).WithName("GetAuditCheckpointKey");
        audit.MapGet("/export.csv", ExportCsv).WithName("ExportAuditEntries").Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        audit.MapGet("/export.ndjson", ExportNdjson).WithName("ExportAuditLog").Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");

        routes.MapGroup("/api/v1/stats")
            .RequireAuthorization(Roles.Auditor)
            .WithTags("Audit")
            .MapGet("/overview", Overview).WithName("StatsOverview").ProducesValidationProblem();
        return routes;
    }

    private static async Task<IResult> ListEntries(Guid? submissionId, long? after, int? limit, IAuditLog log, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        if (after is < 0)
        {
            validation.Add("after", "must be 0 or more.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            validation.Add("limit", $"must be between 1 and {MaxPageSize}.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var size = limit ?? 100;
        var entries = await log.ListAsync(submissionId, after ?? 0, size, cancellationToken);
        return Results.Ok(new AuditEntriesPage([.. entries.Select(e => e.ToView())], entries.Count == size ? entries[^1].Sequence : null));
    }

    /// <summary>
    /// The whole chain, and with <c>sequence</c> and <c>hash</c> from an earlier checkpoint, that the log
    /// still reaches that entry and that it still carries that hash.
    /// </summary>
    private static async Task<IResult> Verify(long? sequence, string? hash, IAuditLog log, ChainKeyRing keys, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        if (sequence is < 0)
        {
            validation.Add("sequence", "must be 0 or more.");
        }

        if ((sequence is null) != (hash is null))
        {
            validation.Add(sequence is null ? "sequence" : "hash", "sequence and hash come together, from a checkpoint.");
        }
        else if (hash is not null && !HexHash().IsMatch(hash))
        {
            validation.Add("hash", "must be 64 lowercase hexadecimal digits, as a checkpoint gives it.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var checkpoint = sequence is { } at ? new ChainCheckpoint(at, hash!) : null;
        return Results.Ok((await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(cancellationToken), keys, checkpoint, cancellationToken)).ToView());
    }

    /// <summary>
    /// Signs the last entry only after verifying the chain up to it, so a checkpoint never vouches for
    /// a log that was already tampered with.
    /// </summary>
    private static async Task<IResult> Checkpoint(IAuditLog log, ChainKeyRing keys, CheckpointKey signer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var last = await log.LastAsync(cancellationToken);
        var head = last is null ? new ChainCheckpoint(0, AuditEntry.GenesisHash) : new ChainCheckpoint(last.Sequence, last.Hash);
        var verification = await AuditChainVerifier.VerifyAsync(
            log.ReadAllAsync(cancellationToken).TakeWhile(e => e.Sequence <= head.Sequence), keys, head, cancellationToken);
        return verification.Ok
            ? Results.Ok(signer.Sign(head, clock.GetUtcNow()).ToView())
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The audit chain is broken.",
                detail: $"Entry {verification.FirstBrokenSequence} does not hold; no checkpoint is signed over a broken chain.");
    }

    private static IResult CheckpointPublicKey(CheckpointKey signer) =>
        Results.Ok(new AuditCheckpointKey(signer.Id, SignedCheckpoint.Algorithm, signer.PublicKeyPem));

    /// <summary>Every entry from the first, as the offline verifier reads them; a part of the log could not be verified on its own.</summary>
    private static IResult ExportNdjson(IAuditLog log, HttpContext context) =>
        Results.Stream(async body =>
        {
            var newline = "\n"u8.ToArray();
            await foreach (var entry in log.ReadAllAsync(context.RequestAborted))
            {
                await JsonSerializer.SerializeAsync(body, entry.ToExported(), ModerationJson.Options, context.RequestAborted);
                await body.WriteAsync(newline, context.RequestAborted);
            }
        }, "application/x-ndjson; charset=utf-8", "audit-log.ndjson");

    private static async Task<IResult> Overview(
        string? from, string? to, DashboardProjection projection, ErrorQueueGauge errorQueues, TimeProvider clock, IOptions<AuditOptions> options,
        CancellationToken cancellationToken)
    {
        var (period, problem) = Period(from, to, clock, options.Value);
        return problem ?? Results.Ok((await projection.OverviewAsync(period.From, period.To, await errorQueues.ReadAsync(cancellationToken), cancellationToken)).ToView());
    }

    private static IResult ExportCsv(string? from, string? to, IAuditLog log, TimeProvider clock, IOptions<AuditOptions> options, HttpContext context)
    {
        var (period, problem) = Period(from, to, clock, options.Value);
        if (problem is not null)
        {
            return problem;
        }

        var fileName = $"audit-{period.From.UtcDateTime:yyyyMMddTHHmmssZ}-{period.To.UtcDateTime:yyyyMMddTHHmmssZ}.csv";
        return Results.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, CsvFormat, leaveOpen: true);
            await csv.WriteRecordAsync(["sequence", "occurred_at", "event_type", "submission_id", "actor", "data", "previous_hash", "hash"], context.RequestAborted);
            await foreach (var entry in log.ReadAllAsync(context.RequestAborted))
            {
                if (entry.OccurredAt >= period.From && entry.OccurredAt < period.To)
                {
                    await csv.WriteRecordAsync(
                    [
                        entry.Sequence.ToString(CultureInfo.InvariantCulture),
                        entry.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                        entry.EventType,
                        entry.SubmissionId.ToString(),
                        entry.Actor,
                        JsonSerializer.Serialize(entry.Data),
                        entry.PreviousHash,
                        entry.Hash,
                    ], context.RequestAborted);
                }
            }
        }, "text/csv; charset=utf-8", fileName);
    }

    /// <summary>
    /// The period [from, to) from ISO 8601 times: by default the 24 hours up to now; never longer than
    /// <see cref="AuditOptions.MaxPeriod"/>. Parsed here rather than bound, so a bad time is named like any other field.
    /// </summary>
    private static ((DateTimeOffset From, DateTimeOffset To) Period, IResult? Problem) Period(string? from, string? to, TimeProvider clock, AuditOptions options)
    {
        var validation = new RequestValidation();
        var end = Time(validation, "to", to) ?? clock.GetUtcNow();
        var start = Time(validation, "from", from) ?? end - DefaultPeriod;
        if (!validation.IsValid)
        {
            return ((start, end), validation.Problem());
        }

        if (start >= end)
        {
            validation.Add("to", "must be later than from.");
        }
        else if (end - start > options.MaxPeriod)
        {
            validation.Add("from", $"the period is {(end - start).TotalDays:0.#} days long; the limit is {options.MaxPeriod.TotalDays:0.#} days.");
        }

        return ((start, end), validation.IsValid ? null : validation.Problem());
    }

    private static DateTimeOffset? Time(RequestValidation validation, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        validation.Add(field, $"'{value}' is not a time; give an ISO 8601 time such as 2026-11-25T10:00:00Z.");
        return null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexHash();
}
