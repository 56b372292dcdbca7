namespace Moderation.Corpora;

/// <summary>The repository's folder (the one holding Moderation.sln), found walking up from the working directory or the binaries.</summary>
public static class RepositoryFolder
{
    public static string? TryFind()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Moderation.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    public static string Find() =>
        TryFind() ?? throw new DirectoryNotFoundException("Moderation.sln was not found above the working directory or the binaries.");
}
