using Microsoft.Extensions.DependencyInjection;
using Moderation.Audit.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Audit.Tests;

internal static class AuditConsumers
{
    /// <summary>Audit's consumers on the test harness, over a SQLite log chained with <see cref="TestChainKeys.Ring"/>.</summary>
    public static Task<ConsumerHarness> StartAsync() =>
        ConsumerHarness.StartAsync(
            services => services
                .AddSingleton(TestChainKeys.Ring)
                .AddSingleton<SqliteAuditLog>()
                .AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>())
                .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteAuditLog>()),
            AuditService.AddConsumers);
}
