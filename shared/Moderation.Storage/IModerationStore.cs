namespace Moderation.Storage;

/// <summary>A store that must create its tables or indexes before the process takes traffic.</summary>
public interface IModerationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
