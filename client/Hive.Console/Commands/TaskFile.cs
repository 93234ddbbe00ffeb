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
    public static IReadOnlyList<TaskSpec> InDependencyOrder(IReadOnlyList<TaskSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var byId = new Dictionary<string, TaskSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var valid = TaskSpecRules.Validate(spec, spec.Id);
            if (!byId.TryAdd(valid.Id, valid)) throw new UsageException($"Task '{spec.Id}' appears twice; ids are unique.");
        }
        var order = new List<TaskSpec>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var spec in byId.Values) Visit(spec, byId, state, order, []);
        return order;
    }

    private static void Visit(TaskSpec spec, Dictionary<string, TaskSpec> byId, Dictionary<string, bool> done, List<TaskSpec> order, List<string> path)
    {
        if (done.TryGetValue(spec.Id, out var finished))
        {
            if (finished) return;
            throw new UsageException($"The prerequisites form a cycle: {string.Join(" -> ", path.SkipWhile(id => id != spec.Id).Append(spec.Id))}.");
        }
        done[spec.Id] = false;
        path.Add(spec.Id);
        foreach (var prerequisite in spec.Prerequisites ?? [])
        {
            if (byId.TryGetValue(prerequisite, out var before)) Visit(before, byId, done, order, path);
        }
        path.RemoveAt(path.Count - 1);
        done[spec.Id] = true;
        order.Add(spec);
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
