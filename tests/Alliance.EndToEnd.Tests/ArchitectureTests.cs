using System.Xml.Linq;

namespace Alliance.EndToEnd.Tests;

/// <summary>Boundaries between services hold by construction: contracts are the only thing they share.</summary>
public class ArchitectureTests
{
    static readonly string Root = FindRoot();
    static readonly string[] Services = ["Organization", "Activity", "Talent", "Reporting"];

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alliance.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Alliance.sln not found above the test binaries.");
    }

    static IEnumerable<string> ProjectReferences(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')));

    [Fact]
    public void No_service_references_another_service_or_the_gateway()
    {
        foreach (var service in Services)
        {
            var references = ProjectReferences(Path.Combine(Root, "services", service, $"Alliance.{service}.csproj")).ToList();
            references.Should().BeSubsetOf(["Alliance.ServiceDefaults", "Alliance.Contracts"], $"{service} may share only contracts and defaults");
        }
    }

    [Fact]
    public void The_gateway_reaches_services_only_through_contracts()
    {
        ProjectReferences(Path.Combine(Root, "gateway", "Alliance.Gateway.csproj"))
            .Should().BeSubsetOf(["Alliance.ServiceDefaults", "Alliance.Contracts"]);
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_ours()
    {
        ProjectReferences(Path.Combine(Root, "services", "Contracts", "Alliance.Contracts.csproj")).Should().BeEmpty();
    }
}
