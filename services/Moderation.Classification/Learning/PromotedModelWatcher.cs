using Microsoft.Extensions.Options;
using Moderation.Classification.Storage;

namespace Moderation.Classification.Learning;

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
        if (promoted is { } found && found.Model.Version != models.Site?.Version)
        {
            var site = SiteModel.Deserialize(found.Model.Version, found.Bytes);
            if (site.DefaultVersion != models.Default?.Version)
            {
                LogStackedOnOtherDefault(logger, site.Version, site.DefaultVersion);
                return;
            }

            models.Swap(site);
            LogSwapped(logger, found.Model.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} in force.")]
    private static partial void LogSwapped(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site model {Version} was trained over default model {DefaultVersion}, which this build does not ship; train again.")]
    private static partial void LogStackedOnOtherDefault(ILogger logger, string version, string defaultVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the promoted model; the one in force stays.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
