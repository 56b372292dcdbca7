using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>Classification's consumers on the test harness, over SQLite stores of their own and an engine of their own (its repeat counter starts at zero).</summary>
internal static class ClassificationConsumers
{
    /// <summary>Starts them; <paramref name="options"/> changes the service's settings, <paramref name="resultStore"/> wraps the store of results.</summary>
    public static Task<ConsumerHarness> StartAsync(Action<ClassificationOptions>? options = null,
        Func<SqliteClassificationStore, IClassificationStore>? resultStore = null) => ConsumerHarness.StartAsync(
        services => services
            .AddLogging()
            .AddSingleton<SqliteClassificationStore>()
            .AddSingleton(sp => resultStore is null
                ? sp.GetRequiredService<SqliteClassificationStore>()
                : resultStore(sp.GetRequiredService<SqliteClassificationStore>()))
            .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteClassificationStore>())
            .AddSingleton<SqliteTrainingStore>()
            .AddSingleton<ITrainingStore>(sp => sp.GetRequiredService<SqliteTrainingStore>())
            .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteTrainingStore>())
            .AddOptions<ClassificationOptions>().Configure(o => options?.Invoke(o)).Services
            .AddClassificationEngine(),
        ClassificationService.AddConsumers);
}
