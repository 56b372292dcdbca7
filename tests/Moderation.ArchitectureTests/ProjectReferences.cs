using System.Xml.Linq;

namespace Moderation.ArchitectureTests;

/// <summary>
/// The same layering read from the project files: a reference nothing uses yet is still a door,
/// and the compiler drops unused references from the assembly the type checks read.
/// </summary>
public static class ProjectReferences
{
    /// <summary>The service libraries; hosts such as Moderation.AllInOne exist to reference them.</summary>
    public static readonly string[] ServiceLibraries =
        ["Moderation.Ingestion", "Moderation.Classification", "Moderation.Review", "Moderation.Audit"];

    /// <summary>The project names a project file references.</summary>
    public static IReadOnlyList<string> Read(string projectXml) =>
        [.. XDocument.Parse(projectXml).Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include") ?? "")
            .Select(path => Path.GetFileNameWithoutExtension(path.Replace('\\', '/')))];

    /// <summary>References a service library may not have: any other service.</summary>
    public static IReadOnlyList<string> ForbiddenForService(string serviceName, IEnumerable<string> references) =>
        [.. references.Where(r => ServiceLibraries.Contains(r) && r != serviceName)];

    /// <summary>References a shared project may not have: a service, or the public API's client.</summary>
    public static IReadOnlyList<string> ForbiddenForShared(IEnumerable<string> references) =>
        [.. references.Where(r => ServiceLibraries.Contains(r) || r == "Moderation.AllInOne" || r == LayerRules.PublicApi)];

    /// <summary>The repository's root: the folder holding Moderation.sln, above the test's output.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Moderation.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Moderation.sln not found above " + AppContext.BaseDirectory);
    }
}
