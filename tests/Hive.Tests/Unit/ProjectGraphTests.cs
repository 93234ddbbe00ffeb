using System.Xml.Linq;

namespace Hive.Tests.Unit;

/// <summary>
/// The project graph as the .csproj files state it: what a client ships and what the production silo carries are
/// decided here, so a reference added for convenience fails the build's tests instead of going unnoticed.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProjectGraphTests
{
    private static readonly string Root = RepositoryRoot.Path;

    /// <summary>Every project in the solution, by name: found, not listed, so a new project is covered the day it lands.</summary>
    private static readonly Dictionary<string, string> Projects = SolutionProjects().ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal);

    [Fact]
    public void The_console_references_the_client_and_the_domain_only()
    {
        Assert.Equal(["Hive.Client", "Hive.Domain"], DirectReferences("Hive.Console").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Hive.Console")]
    [InlineData("Hive.Client")]
    [InlineData("Hive.GrainInterfaces")]
    [InlineData("Hive.Domain")]
    [InlineData("Hive.Swarm")]
    public void Callers_of_the_hive_never_reach_the_grains_or_the_silo(string project)
    {
        var reached = Reachable(project);

        Assert.DoesNotContain("Hive.Grains", reached);
        Assert.DoesNotContain("Hive.Silo", reached);
    }

    [Fact]
    public void The_production_silo_carries_no_demo_code()
    {
        var reached = Reachable("Hive.Silo");

        Assert.DoesNotContain("Hive.Swarm", reached);
        Assert.DoesNotContain("Hive.Demo", reached);
        Assert.Contains("Hive.Grains", reached);
    }

    [Fact]
    public void The_domain_has_no_orleans_runtime()
    {
        var packages = Reachable("Hive.Domain").Append("Hive.Domain").SelectMany(p => Items(p, "PackageReference"));

        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.Orleans.Runtime", StringComparison.Ordinal)
            || p.StartsWith("Microsoft.Orleans.Server", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_project_in_the_tree_is_in_the_solution()
    {
        var outside = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" || part.StartsWith('.')))
            .Except(Projects.Values.Select(v => v.Replace('/', Path.DirectorySeparatorChar)));

        Assert.Empty(outside);
    }

    private static HashSet<string> Reachable(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(DirectReferences(project));
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            foreach (var reference in DirectReferences(next)) pending.Push(reference);
        }
        return seen;
    }

    private static IEnumerable<string> DirectReferences(string project) =>
        Items(project, "ProjectReference").Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));

    private static IEnumerable<string> Items(string project, string item)
    {
        var file = Path.Combine(Root, Projects.TryGetValue(project, out var path)
            ? path
            : throw new InvalidOperationException($"{project} is referenced but is not in Hive.Orleans.sln."));
        return XDocument.Load(file).Descendants(item).Select(e => (string?)e.Attribute("Include") ?? "");
    }

    /// <summary>The project paths Hive.Orleans.sln lists, with forward slashes.</summary>
    private static IEnumerable<string> SolutionProjects() =>
        File.ReadLines(Path.Combine(Root, "Hive.Orleans.sln"))
            .Select(line => line.Split('"'))
            .Where(parts => parts.Length > 5 && parts[5].EndsWith(".csproj", StringComparison.Ordinal))
            .Select(parts => parts[5].Replace('\\', '/'));
}
