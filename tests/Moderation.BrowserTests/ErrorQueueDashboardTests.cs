using Moderation.Testing;
using RabbitMQ.Client;
using static Microsoft.Playwright.Assertions;

namespace Moderation.BrowserTests;

/// <summary>
/// On a RabbitMQ bus the dashboard shows the messages waiting in error queues, as the broker counts
/// them. The watched queue is one of this test's own, so nothing else on the virtual host moves the count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorQueueDashboardTests(DebianChromium chromium) : IAsyncLifetime
{
    private readonly string _queue = $"dashboard-test-{Guid.NewGuid():N}";
    private ConsoleHost? _host;
    private IConnection? _broker;

    private string ErrorQueue => _queue + "_error";

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        if (TestEnvironment.RabbitMqHost is null)
        {
            return;
        }

        _broker = await new ConnectionFactory { HostName = TestEnvironment.RabbitMqHost, VirtualHost = TestEnvironment.RabbitMqVirtualHost }.CreateConnectionAsync();
        _host = await ConsoleHost.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = TestEnvironment.RabbitMqHost,
            ["Bus:RabbitMq:VirtualHost"] = TestEnvironment.RabbitMqVirtualHost,
            ["Audit:WatchedQueues:0"] = _queue,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_broker is not null)
        {
            await using (var channel = await _broker.CreateChannelAsync())
            {
                await channel.QueueDeleteAsync(ErrorQueue);
            }

            await _broker.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Failed_messages_show_by_error_queue_until_they_are_gone()
    {
        TestEnvironment.SkipUnlessRabbitMq();
        await using (var channel = await _broker!.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < 2; i++)
            {
                await channel.BasicPublishAsync(string.Empty, ErrorQueue, "{\"poison\":true}"u8.ToArray());
            }
        }

        var page = await _host!.OpenAsync(chromium, "/dashboard", TestKeys.Auditor);

        await Expect(page.Locator("#error-queue-messages")).ToHaveTextAsync("2");
        await Expect(page.Locator("#error-queue-detail")).ToHaveTextAsync($"{ErrorQueue}: 2");
        await Expect(page.Locator("#error-queue-tile")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbad\b"));
        await Screenshots.SaveAsync(page, "dashboard-error-queue");

        await using (var channel = await _broker.CreateChannelAsync())
        {
            await channel.QueuePurgeAsync(ErrorQueue);
        }

        await page.ReloadAsync();
        await Expect(page.Locator("#error-queue-messages")).ToHaveTextAsync("0");
        await Expect(page.Locator("#error-queue-detail")).ToHaveTextAsync($"none in {ErrorQueue}");
        await Expect(page.Locator("#error-queue-tile")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bgood\b"));
        Assert.Empty(_host.PageErrors);
    }
}
