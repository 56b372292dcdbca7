namespace Moderation.ModelBuilder;

public static class Repository
{
    /// <summary>The folder holding Moderation.sln, above the working directory or the binaries.</summary>
    public static string Root()
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

        throw new DirectoryNotFoundException("Moderation.sln was not found above the working directory or the binaries.");
    }
}
