using Microsoft.Extensions.Configuration;
using Moderation.ServiceDefaults;

namespace Moderation.IntegrationTests;

public sealed class ServiceBuilderTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("moderation-content-root-").FullName;

    [Fact]
    public async Task A_service_reads_its_settings_file_once_and_does_not_watch_its_content_root()
    {
        var settings = WriteSettings("before");
        var builder = ServiceBuilder.Create(["--contentRoot", _contentRoot]);
        var reloads = 0;
        using var watch = ((IConfigurationRoot)builder.Configuration).GetReloadToken().RegisterChangeCallback(_ => Interlocked.Increment(ref reloads), null);

        await File.WriteAllTextAsync(settings, """{ "Probe": "after" }""");
        var data = Directory.CreateDirectory(Path.Combine(_contentRoot, "data")).FullName;
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(data, "moderation.db-wal"), $"write {i}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("before", builder.Configuration["Probe"]);
        Assert.Equal(0, Volatile.Read(ref reloads));
        Assert.DoesNotContain(builder.Configuration.Sources.OfType<FileConfigurationSource>(), source => source.ReloadOnChange);
    }

    [Fact]
    public async Task Reloading_can_be_asked_for_on_the_command_line()
    {
        var settings = WriteSettings("before");
        var builder = ServiceBuilder.Create(["--contentRoot", _contentRoot, $"--{ServiceBuilder.ReloadConfigOnChangeKey}=true"]);

        await File.WriteAllTextAsync(settings, """{ "Probe": "after" }""");
        for (var waited = 0; waited < 100 && builder.Configuration["Probe"] != "after"; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("after", builder.Configuration["Probe"]);
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private string WriteSettings(string probe)
    {
        var path = Path.Combine(_contentRoot, "appsettings.json");
        File.WriteAllText(path, $$"""{ "Probe": "{{probe}}" }""");
        return path;
    }
}
