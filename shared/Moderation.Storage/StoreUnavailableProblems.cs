using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using MongoDB.Driver;

namespace Moderation.Storage;

/// <summary>
/// A store that cannot be reached (MongoDB down, SQLite locked past its busy timeout) is a
/// temporary condition, not a bug: answer 503 with Retry-After so clients come back, instead of 500.
/// Each request's write is one statement or one transaction, so nothing half-written stays behind.
/// </summary>
internal sealed class StoreUnavailableProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN: the file is held or gone for now.
    private static readonly HashSet<int> UnavailableSqliteCodes = [5, 6, 10, 14];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The store is unavailable.",
                Detail = $"Nothing was stored; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    internal static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException sqlite => UnavailableSqliteCodes.Contains(sqlite.SqliteErrorCode),
        MongoConnectionException or MongoExecutionTimeoutException or TimeoutException => true,
        _ => exception.InnerException is not null && IsUnavailable(exception.InnerException),
    };
}
