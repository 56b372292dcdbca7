using System.Reflection;
using System.Runtime.CompilerServices;

namespace Moderation.ArchitectureTests;

/// <summary>A name found in one place means one thing: no two product types share one, no two folders differ only by case.</summary>
public class NamingTests
{
    private static readonly string[] ProductAssemblies =
    [
        "Moderation.Contracts", "Moderation.Client", "Moderation.ServiceDefaults", "Moderation.Messaging",
        "Moderation.Storage", "Moderation.WebConsole", .. LayerRules.ServiceNamespaces,
    ];

    [Fact]
    public void No_two_product_types_share_a_name()
    {
        var clashes = ProductAssemblies
            .SelectMany(name => Assembly.Load(name).GetTypes())
            .Where(t => !t.IsNested && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.StartsWith('<'))
            .Where(t => t.Namespace?.StartsWith("Moderation.", StringComparison.Ordinal) == true)
            .GroupBy(t => t.Name.Split('`')[0], StringComparer.Ordinal)
            .Where(g => g.Select(t => t.FullName!.Split('`')[0]).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => string.Join(" and ", g.Select(t => t.FullName)))
            .ToList();
        Assert.True(clashes.Count == 0, "Types sharing a name: " + string.Join("; ", clashes));
    }

    [Fact]
    public void No_two_folders_of_the_source_differ_only_by_case()
    {
        var root = ProjectReferences.RepositoryRoot();
        var clashes = new[] { "services", "shared", "tests" }
            .SelectMany(top => Directory.GetDirectories(Path.Combine(root, top), "*", SearchOption.AllDirectories).Prepend(Path.Combine(root, top)))
            .Where(folder => !folder.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .SelectMany(folder => Directory.GetDirectories(folder).GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            .Select(g => string.Join(" and ", g.Select(f => Path.GetRelativePath(root, f))))
            .ToList();
        Assert.True(clashes.Count == 0, "Folders differing only by case: " + string.Join("; ", clashes));
    }
}
