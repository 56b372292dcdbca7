namespace Moderation.ArchitectureTests;

public class ProjectReferenceTests
{
    private static readonly string Root = ProjectReferences.RepositoryRoot();

    public static TheoryData<string> ServiceProjects =>
        [.. ProjectReferences.ServiceLibraries.Select(s => Path.Combine("services", s, s + ".csproj"))];

    public static TheoryData<string> SharedProjects =>
        [.. Directory.GetFiles(Path.Combine(ProjectReferences.RepositoryRoot(), "shared"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ProjectReferences.RepositoryRoot(), p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void A_service_library_references_no_other_service(string project)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        Assert.Empty(ProjectReferences.ForbiddenForService(name, ProjectReferences.Read(File.ReadAllText(Path.Combine(Root, project)))));
    }

    [Theory]
    [MemberData(nameof(SharedProjects))]
    public void A_shared_project_references_no_service_and_not_the_public_client(string project) =>
        Assert.Empty(ProjectReferences.ForbiddenForShared(ProjectReferences.Read(File.ReadAllText(Path.Combine(Root, project)))));

    [Fact]
    public void The_reference_rules_name_each_forbidden_reference()
    {
        const string service = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\..\shared\Moderation.Storage\Moderation.Storage.csproj" />
                <ProjectReference Include="..\Moderation.Review\Moderation.Review.csproj" />
              </ItemGroup>
            </Project>
            """;
        const string shared = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\Moderation.Contracts\Moderation.Contracts.csproj" />
                <ProjectReference Include="..\Moderation.Client\Moderation.Client.csproj" />
                <ProjectReference Include="..\..\services\Moderation.Audit\Moderation.Audit.csproj" />
              </ItemGroup>
            </Project>
            """;
        Assert.Equal(["Moderation.Review"], ProjectReferences.ForbiddenForService("Moderation.Ingestion", ProjectReferences.Read(service)));
        Assert.Equal(["Moderation.Client", "Moderation.Audit"], ProjectReferences.ForbiddenForShared(ProjectReferences.Read(shared)));
    }
}
