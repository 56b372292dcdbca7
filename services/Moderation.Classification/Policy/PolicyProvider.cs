using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Moderation.Classification.Policy;

/// <summary>
/// The policy in force, read from <c>Classification:PolicyPath</c> and read again whenever the file
/// changes. An edit that cannot be used is refused with a logged error and the previous policy stays.
/// </summary>
public sealed partial class PolicyProvider : IDisposable
{
    private readonly ILogger<PolicyProvider> _logger;
    private readonly string _path;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;
    private CompiledPolicy _current;

    public PolicyProvider(IOptions<ClassificationOptions> options, ILogger<PolicyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _path = ResolvePath(options.Value.PolicyPath);
        _current = PolicyCompiler.Parse(File.ReadAllText(_path));
        LogLoaded(_logger, _current.Version, _path);
        _files = new PhysicalFileProvider(Path.GetDirectoryName(_path)!);
        _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(_path)), () => Reload());
    }

    public CompiledPolicy Current => Volatile.Read(ref _current);

    /// <summary>The default policy ships next to the binaries; a relative path is read from there, then from the working directory.</summary>
    public static string ResolvePath(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? ClassificationOptions.DefaultPolicyPath : configured;
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var besideBinaries = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideBinaries) ? besideBinaries : Path.GetFullPath(path);
    }

    /// <summary>Reads the file again; an editor may still be writing it, so a refused read is retried a few times before it is reported.</summary>
    public bool Reload()
    {
        string? error = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                var policy = PolicyCompiler.Parse(File.ReadAllText(_path));
                Volatile.Write(ref _current, policy);
                LogLoaded(_logger, policy.Version, _path);
                return true;
            }
            catch (Exception ex) when (ex is PolicyException or IOException)
            {
                error = ex.Message;
                Thread.Sleep(100);
            }
        }

        LogRefused(_logger, _path, Current.Version, error);
        return false;
    }

    public void Dispose()
    {
        _watch.Dispose();
        _files.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {Version} in force, from {Path}.")]
    private static partial void LogLoaded(ILogger logger, string version, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The policy file {Path} was refused; policy {Version} stays in force. {Error}")]
    private static partial void LogRefused(ILogger logger, string path, string version, string? error);
}
