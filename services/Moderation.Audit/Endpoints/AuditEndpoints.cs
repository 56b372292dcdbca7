using Moderation.Audit.Domain;
using Moderation.Audit.Storage;
using Moderation.Client;
using Moderation.ServiceDefaults;

namespace Moderation.Audit.Endpoints;

public static class AuditEndpoints
{
    public const int MaxPageSize = 1_000;

    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/audit")
            .RequireAuthorization(Roles.Auditor)
            .WithTags("Audit");
        api.MapGet("/entries", ListEntries).WithName("ListAuditEntries").ProducesValidationProblem();
        api.MapGet("/verify", Verify).WithName("VerifyAuditLog");
        return api;
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

    private static async Task<IResult> Verify(IAuditLog log, CancellationToken cancellationToken) =>
        Results.Ok(await AuditChainVerifier.VerifyAsync(log.ReadAllAsync(cancellationToken), cancellationToken));
}
