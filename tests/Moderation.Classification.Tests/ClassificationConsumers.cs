using Microsoft.Extensions.DependencyInjection;
using Moderation.Classification.Storage;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>Classification's consumers on the test harness, over SQLite stores of their own and an engine of their own (its repeat counter starts at zero).</summary>
internal static class ClassificationConsumers
{
    public static Task<ConsumerHarness> StartAsync() => ConsumerHarness.StartAsync(
        services => services
            .AddLogging()
            .AddSingleton<SqliteClassificationStore>()
            .AddSingleton<IClassificationStore>(sp => sp.GetRequiredService<SqliteClassificationStore>())
            .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteClassificationStore>())
            .AddSingleton<SqliteTrainingStore>()
            .AddSingleton<ITrainingStore>(sp => sp.GetRequiredService<SqliteTrainingStore>())
            .AddSingleton<IModerationStore>(sp => sp.GetRequiredService<SqliteTrainingStore>())
            .AddOptions<ClassificationOptions>().Services
            .AddClassificationEngine(),
        ClassificationService.AddConsumers);
}
