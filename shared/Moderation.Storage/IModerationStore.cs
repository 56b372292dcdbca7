using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using SQLitePCL;

namespace Moderation.Storage;

/// <summary>A store that must create its tables or indexes before the process takes traffic.</summary>
public interface IModerationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
