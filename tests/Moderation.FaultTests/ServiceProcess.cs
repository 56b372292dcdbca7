using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Moderation.FaultTests;

/// <summary>
/// One service as a real process (the dll the solution build produced), on a port of its own, with
/// its output kept in a log file for when a test fails.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _service;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private Process? _process;

    public ServiceProcess(string service, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        _service = service;
        _environment = environment;
        Port = FreePort();
        _logPath = Path.Combine(logDirectory, $"{service}-{Port}.log");
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Moderation.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The tests do not run inside the repository.");
        }
    }

    /// <summary>The service's dll from the same build configuration as these tests.</summary>
    private string ServiceDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot, "services", _service, "bin", configuration, "net10.0", _service + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_logPath)!,
        };
        start.ArgumentList.Add(ServiceDll());
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_service} did not start.");
        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync();
    }

    /// <summary>SIGKILL: the process gets no chance to finish what it was doing.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{_service} exited at start; see {_logPath}.");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_service} was not ready within 90 s; see {_logPath}.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
