using Microsoft.AspNetCore.Builder;

namespace Moderation.ServiceDefaults;

/// <summary>The builder every service process, and every test host, starts from.</summary>
public static class ServiceBuilder
{
    /// <summary>The host setting that makes configuration files reload when they change.</summary>
    public const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// WebApplication's builder, with its configuration files read once, at start: reloading them
    /// watches the whole content root, where the SQLite files live, so every database write would
    /// wake a watcher in every process (docs/decisions/0011-settings-read-once.md). No setting is
    /// read again after start; <c>--hostBuilder:reloadConfigOnChange=true</c> brings the reload back.
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
