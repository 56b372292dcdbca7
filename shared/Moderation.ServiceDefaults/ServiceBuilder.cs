using Microsoft.AspNetCore.Builder;

namespace Moderation.ServiceDefaults;

/// <summary>The builder every service process, and every test host, starts from.</summary>
public static class ServiceBuilder
{
    /// <summary>The host setting that makes configuration files reload when they change.</summary>
    public const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// WebApplication's builder, with its configuration files read once, at start. Reloading them on
    /// change puts a watcher on the whole content root, subdirectories included, and the SQLite files
    /// live under it by default (<c>data/</c>): every database write woke a watcher in every process
    /// on the machine, 8 to 16% of each service's CPU under load, plus the kernel's work of queueing
    /// the events. None of our settings is read again after start (the classification policy watches
    /// its own file), so the reload bought nothing. <c>--hostBuilder:reloadConfigOnChange=true</c>
    /// on the command line brings it back.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args, string? environmentName = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [$"--{ReloadConfigOnChangeKey}=false", .. args],
            EnvironmentName = environmentName,
        });
    }
}
