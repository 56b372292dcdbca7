using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Ingestion.Storage;
using Moderation.Messaging;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>Ingestion on a real RabbitMQ that goes away while a submission is made.</summary>
public sealed class BusOutageTests : IAsyncLifetime
{
    private BrokerLink? _link;
    private ServiceHost? _host;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.RabbitMqHost is null)
        {
            return;
        }

        _link = new BrokerLink(TestEnvironment.RabbitMqHost, 5672);
        _host = await IngestionHost.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = "127.0.0.1",
            ["Bus:RabbitMq:Port"] = _link.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:RabbitMq:VirtualHost"] = TestEnvironment.RabbitMqVirtualHost,
            ["Outbox:SweepInterval"] = "00:00:00.200",
            ["Outbox:Grace"] = "00:00:00.500",
            ["Outbox:PublishTimeout"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_link is not null)
        {
            await _link.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_submission_made_while_the_broker_is_away_is_stored_then_published_once_when_it_is_back()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        var host = _host!;
        var store = host.Services.GetRequiredService<ISubmissionStore>();
        var published = host.Services.GetRequiredService<PublishedSubmissions>();
        var api = host.Client<IIngestionApi>(TestKeys.Submitter);

        _link!.Cut();
        var accepted = await api.SubmitArticleAsync(new SubmitArticleRequest("news.example", "Outage", $"Written while the broker was away {Guid.NewGuid()}"));

        var stored = await store.GetAsync(accepted.SubmissionId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Null(stored.PublishedAt);
        Assert.Equal(0, published.CountOf(accepted.SubmissionId));

        _link.Restore();
        await Eventually.GetAsync(() => Task.FromResult(published.CountOf(accepted.SubmissionId)), c => c >= 1, TimeSpan.FromSeconds(60), "the event after the bus came back");
        var marked = await Eventually.GetAsync(() => store.GetAsync(accepted.SubmissionId, CancellationToken.None), r => r!.PublishedAt is not null);

        var sweeper = host.Services.GetRequiredService<PendingEventSweeper>();
        Assert.Equal(0, await sweeper.SweepAsync(store, CancellationToken.None));
        Assert.NotNull(marked!.PublishedAt);
        Assert.Equal(1, published.CountOf(accepted.SubmissionId));
    }
}
