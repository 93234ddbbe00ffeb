using System.Text;
using k8s;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Hive.Tests.Kubernetes;

/// <summary>One rendered object: where it came from, its YAML, and the Kubernetes model it strictly loaded into.</summary>
internal sealed record Manifest(string Source, YamlMappingNode Yaml, object Object)
{
    public string Kind => Kustomize.Text(Yaml["kind"]);
    public string Name => Kustomize.Text(((YamlMappingNode)Yaml["metadata"])["name"]);
}

/// <summary>
/// Just enough kustomize to render this repository's k8s/ offline: <c>resources</c> (files and directories),
/// <c>namespace</c>, <c>images</c>, <c>replicas</c> and strategic-merge <c>patches</c> given by path. Lists are merged
/// only where Kubernetes merges them by name (containers, env, volumes, volume mounts); any other list patch, any
/// <c>$patch</c> directive and any kustomization field not modelled here fails loudly instead of rendering wrong.
/// Every rendered object and every patch is loaded with <c>KubernetesYaml.LoadAllFromString(strict: true)</c>,
/// so a misspelled or misplaced field fails.
/// </summary>
internal static class Kustomize
{
    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass"];
    private static readonly HashSet<string> Scalable = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];
    private static readonly HashSet<string> ListsMergedByName = ["containers", "initContainers", "ephemeralContainers", "env", "volumes", "volumeMounts"];

    private static readonly IDeserializer KustomizationReader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build(); // no IgnoreUnmatchedProperties: an unknown kustomization field throws

    public static IReadOnlyList<Manifest> Render(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        var kustomization = ReadKustomization(file);
        var objects = new List<(string Source, YamlMappingNode Node)>();
        foreach (var resource in kustomization.Resources)
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path)) objects.AddRange(Render(path).Select(m => (m.Source, m.Yaml)));
            else if (File.Exists(path)) objects.AddRange(ReadDocuments(path).Select(node => (path, node)));
            else throw new InvalidOperationException($"{file}: resource '{resource}' does not exist.");
        }

        foreach (var patch in kustomization.Patches)
        {
            if (patch.Path is null || patch.Target is not null || patch.Patch is not null)
                throw new NotSupportedException($"{file}: only 'patches: - path: file' (strategic merge, target from the file) is supported.");
            var patchFile = Path.GetFullPath(Path.Combine(directory, patch.Path));
            foreach (var node in ReadDocuments(patchFile))
            {
                Validate(patchFile, node); // a patch is a partial object: it must still use real field names
                var (kind, name) = Identity(node);
                var matches = objects.Where(o => Identity(o.Node) == (kind, name)).ToList();
                if (matches.Count != 1) throw new InvalidOperationException($"{patchFile}: patch targets {kind}/{name}, which the resources define {matches.Count} times.");
                Merge(matches[0].Node, node, kind);
            }
        }

        foreach (var image in kustomization.Images) ApplyImage(objects.Select(o => o.Node), image, file);
        foreach (var replicas in kustomization.Replicas)
        {
            var target = objects.Where(o => Identity(o.Node) is var (kind, name) && name == replicas.Name && Scalable.Contains(kind)).ToList();
            if (target.Count != 1) throw new InvalidOperationException($"{file}: replicas for '{replicas.Name}' match {target.Count} objects.");
            ((YamlMappingNode)target[0].Node["spec"]).Children[new YamlScalarNode("replicas")] = new YamlScalarNode(replicas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (kustomization.Namespace is { } ns)
        {
            foreach (var (_, node) in objects.Where(o => !ClusterScoped.Contains(Identity(o.Node).Kind)))
                ((YamlMappingNode)node["metadata"]).Children[new YamlScalarNode("namespace")] = new YamlScalarNode(ns);
        }

        return objects.Select(o => new Manifest(o.Source, o.Node, Validate(o.Source, o.Node))).ToList();
    }

    public static Kustomization ReadKustomization(string file)
    {
        var kustomization = KustomizationReader.Deserialize<Kustomization>(File.ReadAllText(file))
            ?? throw new InvalidOperationException($"{file} is empty.");
        if (kustomization.ApiVersion != "kustomize.config.k8s.io/v1beta1" || kustomization.Kind != "Kustomization")
            throw new InvalidOperationException($"{file}: expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization.");
        return kustomization;
    }

    /// <summary>Loads one object with the Kubernetes models, rejecting unknown fields; returns the typed object.</summary>
    public static object Validate(string source, YamlMappingNode node)
    {
        var yaml = ToYaml(node);
        try
        {
            return KubernetesYaml.LoadAllFromString(yaml, strict: true).Single();
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException($"{source}: {Identity(node)} is not a valid Kubernetes object: {e.Message}", e);
        }
    }

    public static IReadOnlyList<YamlMappingNode> ReadDocuments(string file) => ParseDocuments(File.ReadAllText(file), file);

    public static IReadOnlyList<YamlMappingNode> ParseDocuments(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => d.RootNode as YamlMappingNode ?? throw new InvalidOperationException($"{source}: every document must be a mapping."))
            .ToList();
    }

    public static string ToYaml(YamlMappingNode node)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text)) new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return text.ToString();
    }

    private static (string Kind, string Name) Identity(YamlMappingNode node) =>
        (node.Children.TryGetValue("kind", out var kind) ? Text(kind) : "?",
         node.Children.TryGetValue("metadata", out var m) && m is YamlMappingNode meta && meta.Children.TryGetValue("name", out var name) ? Text(name) : "?");

    public static string Text(YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw new InvalidOperationException($"expected a scalar at {node.Start}, found {node.NodeType}.");

    /// <summary>Strategic merge, the part of it these manifests use: maps merge, null deletes, named lists merge by name.</summary>
    private static void Merge(YamlMappingNode target, YamlMappingNode patch, string path)
    {
        foreach (var (key, value) in patch.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name.StartsWith('$')) throw new NotSupportedException($"{path}.{name}: patch directives are not supported by this renderer.");
            if (IsNull(value))
            {
                target.Children.Remove(key);
                continue;
            }
            if (!target.Children.TryGetValue(key, out var existing))
            {
                target.Children[key] = value;
                continue;
            }
            switch (existing, value)
            {
                case (YamlMappingNode a, YamlMappingNode b):
                    Merge(a, b, $"{path}.{name}");
                    break;
                case (YamlSequenceNode a, YamlSequenceNode b) when ListsMergedByName.Contains(name):
                    MergeByName(a, b, $"{path}.{name}");
                    break;
                case (YamlSequenceNode, YamlSequenceNode):
                    throw new NotSupportedException($"{path}.{name}: this renderer merges only lists keyed by name ({string.Join(", ", ListsMergedByName)}).");
                default:
                    target.Children[key] = value;
                    break;
            }
        }
    }

    private static void MergeByName(YamlSequenceNode target, YamlSequenceNode patch, string path)
    {
        foreach (var item in patch.Children.Cast<YamlMappingNode>())
        {
            var name = Text(item["name"]);
            var existing = target.Children.OfType<YamlMappingNode>().SingleOrDefault(t => Text(t["name"]) == name);
            if (existing is null) target.Children.Add(item);
            else Merge(existing, item, $"{path}[{name}]");
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static void ApplyImage(IEnumerable<YamlMappingNode> objects, KustomizeImage image, string file)
    {
        var replaced = 0;
        foreach (var container in objects.SelectMany(Containers))
        {
            var current = Text(container["image"]);
            var at = current.IndexOf('@', StringComparison.Ordinal);
            var colon = current.LastIndexOf(':');
            var nameEnd = at >= 0 ? at : colon > current.LastIndexOf('/') ? colon : current.Length;
            if (current[..nameEnd] != image.Name) continue;
            var name = image.NewName ?? image.Name;
            var reference = image.Digest is { } digest ? "@" + digest
                : image.NewTag is { } tag ? ":" + tag
                : current[nameEnd..];
            container.Children[new YamlScalarNode("image")] = new YamlScalarNode(name + reference);
            replaced++;
        }
        if (replaced == 0) throw new InvalidOperationException($"{file}: image '{image.Name}' is used by no container.");
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode obj)
    {
        YamlNode? spec = obj.Children.TryGetValue("spec", out var s) ? s : null;
        if (spec is YamlMappingNode top && top.Children.TryGetValue("template", out var template) && template is YamlMappingNode t && t.Children.TryGetValue("spec", out var podSpec))
            spec = podSpec;
        if (spec is not YamlMappingNode pod) yield break;
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (pod.Children.TryGetValue(list, out var items) && items is YamlSequenceNode sequence)
                foreach (var container in sequence.Children.OfType<YamlMappingNode>()) yield return container;
        }
    }
}

/// <summary>The kustomization fields this repository uses; any other field fails to deserialize.</summary>
internal sealed class Kustomization
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Namespace { get; set; }
    public List<string> Resources { get; set; } = [];
    public List<KustomizePatch> Patches { get; set; } = [];
    public List<KustomizeImage> Images { get; set; } = [];
    public List<KustomizeReplicas> Replicas { get; set; } = [];
}

internal sealed class KustomizePatch
{
    public string? Path { get; set; }
    public string? Patch { get; set; }
    public Dictionary<string, string>? Target { get; set; }
}

internal sealed class KustomizeImage
{
    public string Name { get; set; } = "";
    public string? NewName { get; set; }
    public string? NewTag { get; set; }
    public string? Digest { get; set; }
}

internal sealed class KustomizeReplicas
{
    public string Name { get; set; } = "";
    public int Count { get; set; }
}
