using Microsoft.Extensions.Options;
using Moderation.Classification.Storage;

namespace Moderation.Classification.Learning;

/// <summary>The model in force; swapped whole, so a classification in flight finishes on the model it started with.</summary>
public sealed class ModelHolder
{
    private TrainedModel? _current;

    public TrainedModel? Current => Volatile.Read(ref _current);

    public void Swap(TrainedModel model) => Volatile.Write(ref _current, model);
}

/// <summary>
/// Loads the promoted model at start-up and then watches the store, so every replica picks up a
/// model another one promoted, without a restart.
/// </summary>
public sealed partial class PromotedModelWatcher(ITrainingStore store, ModelHolder models, IOptions<ClassificationOptions> options, ILogger<PromotedModelWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ModelRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var promoted = await store.GetPromotedModelAsync(cancellationToken);
        if (promoted is { } found && found.Model.Version != models.Current?.Version)
        {
            models.Swap(TrainedModel.Deserialize(found.Model.Version, found.Bytes));
            LogSwapped(logger, found.Model.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} in force.")]
    private static partial void LogSwapped(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the promoted model; the one in force stays.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
