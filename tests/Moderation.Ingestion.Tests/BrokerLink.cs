using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Moderation.Ingestion.Tests;

/// <summary>
/// A TCP link between a service and the RabbitMQ broker that a test can cut and restore: while it is
/// cut, open connections are dropped and new ones refused, as when the broker goes away.
/// </summary>
public sealed class BrokerLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _open = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    public BrokerLink(string brokerHost, int brokerPort)
    {
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        foreach (var (client, broker) in _open)
        {
            client.Dispose();
            broker.Dispose();
        }

        _open.Clear();
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(TcpClient client)
    {
        var broker = new TcpClient();
        try
        {
            await broker.ConnectAsync(_brokerHost, _brokerPort, _stopping.Token);
            _open[client] = broker;
            await Task.WhenAny(
                client.GetStream().CopyToAsync(broker.GetStream(), _stopping.Token),
                broker.GetStream().CopyToAsync(client.GetStream(), _stopping.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The link was cut or the test is over: the connection simply ends, as a network failure would.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
            broker.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Cut();
        _stopping.Dispose();
    }
}
