using System.Text.Json;
using System.Text.Json.Nodes;
using Hive.Console.Cli;
using Hive.Console.Output;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Hive.Console.Commands;

/// <summary>
/// Reads tasks from a JSON or YAML file (<c>.yaml</c>/<c>.yml</c> as YAML, anything else as JSON): one task, a list, or
/// <c>{tasks: [...]}</c>. Every spec is checked by the hive's own rules, and ordered prerequisites first, before any is sent.
/// </summary>
internal static class TaskFile
{
    public static IReadOnlyList<TaskSpec> Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"The task file '{path}' does not exist.");
        var text = File.ReadAllText(path);
        var yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        JsonNode? root;
        try
        {
            root = yaml ? YamlToJson(new DeserializerBuilder().Build().Deserialize<object?>(text)) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            throw new UsageException($"{path} is not valid {(yaml ? "YAML" : "JSON")}: {e.Message}", e);
        }
        var items = root switch
        {
            JsonArray array => array,
            JsonObject o when o["tasks"] is JsonArray tasks => tasks,
            JsonObject o => new JsonArray(o.DeepClone()),
            _ => throw new UsageException($"{path} holds no task: write one task, a list of tasks, or tasks: [...]."),
        };
        try
        {
            return [.. items.Select(item => (item.Deserialize<TaskFileEntry>(ConsoleJson.Options)
                ?? throw new UsageException($"{path}: an entry of the task list is empty.")).ToSpec(path))];
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: a task has a field of the wrong kind: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks every spec with the hive's rules and returns them prerequisites first (prerequisites outside the list must
    /// exist already; the hive checks that). Duplicates and cycles are refused before anything is written.
    /// </summary>
    /// <remarks>
    /// A depth-first walk in list order, each task placed after its prerequisites in the order it names them. The walk
    /// keeps its own stack rather than recursing, so a chain of any length (an export of a long-running hive) fits.
    /// </remarks>
    public static IReadOnlyList<TaskSpec> InDependencyOrder(IReadOnlyList<TaskSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var byId = new Dictionary<string, TaskSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var valid = TaskSpecRules.Validate(spec, spec.Id);
            if (!byId.TryAdd(valid.Id, valid)) throw new UsageException($"Task '{spec.Id}' appears twice; ids are unique.");
        }
        var order = new List<TaskSpec>(byId.Count);
        // False while a task is on the walk's path, true once it is placed.
        var placed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = new List<(TaskSpec Spec, int Next)>();
        foreach (var root in byId.Values.Where(r => !placed.ContainsKey(r.Id)))
        {
            placed[root.Id] = false;
            path.Add((root, 0));
            while (path.Count > 0)
            {
                var (spec, next) = path[^1];
                if (next == spec.Prerequisites!.Count)
                {
                    path.RemoveAt(path.Count - 1);
                    placed[spec.Id] = true;
                    order.Add(spec);
                    continue;
                }
                path[^1] = (spec, next + 1);
                if (!byId.TryGetValue(spec.Prerequisites[next], out var before)) continue;
                if (placed.TryGetValue(before.Id, out var done))
                {
                    if (done) continue;
                    var cycle = path.Select(p => p.Spec.Id).SkipWhile(id => id != before.Id).Append(before.Id);
                    throw new UsageException($"The prerequisites form a cycle: {string.Join(" -> ", cycle)}.");
                }
                placed[before.Id] = false;
                path.Add((before, 0));
            }
        }
        return order;
    }

    /// <summary>YAML scalars arrive as text; numbers are read from text by the JSON options, so nothing is lost.</summary>
    private static JsonNode? YamlToJson(object? yaml) => yaml switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(Convert.ToString(p.Key, System.Globalization.CultureInfo.InvariantCulture)!, YamlToJson(p.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(YamlToJson)]),
        _ => JsonValue.Create(Convert.ToString(yaml, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
