using System.Reflection;
using NetArchTest.Rules;

namespace Moderation.ArchitectureTests;

/// <summary>
/// The layering the code keeps, as checks over compiled types. Each check looks at the types of one
/// assembly under a namespace prefix and returns the names of the types that break it, so the same
/// check runs on the product and on the fixtures that break it on purpose.
/// </summary>
public static class LayerRules
{
    /// <summary>The four services' root namespaces; a service uses none of the others'.</summary>
    public static readonly string[] ServiceNamespaces =
        ["Moderation.Ingestion", "Moderation.Classification", "Moderation.Review", "Moderation.Audit"];

    /// <summary>The public HTTP API's DTOs and clients: only a service's endpoints translate to and from them.</summary>
    public const string PublicApi = "Moderation.Client";

    public static readonly string[] StorageDrivers = ["MongoDB.Driver", "MongoDB.Bson", "Microsoft.Data.Sqlite"];

    /// <summary>Namespaces that hold a service's own model of its work, as opposed to its HTTP edge (Endpoints).</summary>
    public const string InnerLayers = @"\.(Domain|Storage|Intake|Learning|Embeddings|Policy|Policies|Consumers)(\.|$)";

    public const string DomainLayer = @"\.Domain(\.|$)";

    /// <summary>Types of a service that use another service's types.</summary>
    public static IReadOnlyList<string> ServiceUsingAnotherService(Assembly assembly, string scope, string ownNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(scope)
            .ShouldNot().HaveDependencyOnAny([.. ServiceNamespaces.Where(n => n != ownNamespace)]));

    /// <summary>Types of a service's inner layers that use the public API's DTOs.</summary>
    public static IReadOnlyList<string> InnerLayerUsingPublicApi(Assembly assembly, string scope) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(scope).And().ResideInNamespaceMatching(InnerLayers)
            .ShouldNot().HaveDependencyOn(PublicApi));

    /// <summary>Types of a service's domain that use a storage driver.</summary>
    public static IReadOnlyList<string> DomainUsingStorageDriver(Assembly assembly, string scope) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(scope).And().ResideInNamespaceMatching(DomainLayer)
            .ShouldNot().HaveDependencyOnAny(StorageDrivers));

    /// <summary>Types of a shared project that use a service, or the public API's DTOs.</summary>
    public static IReadOnlyList<string> SharedUsingServiceOrPublicApi(Assembly assembly, string scope) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(scope)
            .ShouldNot().HaveDependencyOnAny([.. ServiceNamespaces, PublicApi]));

    /// <summary>How many types of the assembly live in its domain namespaces, so a rule over them is never vacuous.</summary>
    public static int DomainTypeCount(Assembly assembly) =>
        Types.InAssembly(assembly).That().ResideInNamespaceMatching(DomainLayer).GetTypes().Count();

    private static IReadOnlyList<string> Failing(ConditionList conditions) =>
        conditions.GetResult() is { IsSuccessful: false, FailingTypeNames: { } names } ? [.. names] : [];
}
