using System.Collections;
using System.Reflection;

namespace Hive.Security;

/// <summary>
/// Reads the values a declared path names from a call: a parameter, a property path into it, through lists item by item
/// (<c>drafts.From</c>), or the id behind the grain's key (<see cref="Acts.GrainKey"/>). Several paths are separated by commas.
/// </summary>
public sealed class ActorPath
{
    private readonly List<Func<object?[], string, IEnumerable<string?>>> _readers = [];

    private ActorPath() { }

    public static readonly ActorPath Nobody = new();

    /// <summary>The reader for <paramref name="declared"/> on <paramref name="method"/>; throws naming the method when a part does not exist.</summary>
    public static ActorPath For(MethodInfo method, string? declared)
    {
        var path = new ActorPath();
        if (string.IsNullOrWhiteSpace(declared) || declared == Acts.Caller) return path;
        foreach (var part in declared.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part == Acts.GrainKey)
            {
                path._readers.Add(static (_, key) => [GrainKeys.IdOf(key)]);
                continue;
            }
            var steps = part.Split('.');
            var parameters = method.GetParameters();
            var index = Array.FindIndex(parameters, p => p.Name == steps[0]);
            if (index < 0) throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} declares actor path '{part}', but has no parameter '{steps[0]}'.");
            var getters = new List<PropertyInfo>();
            var type = parameters[index].ParameterType;
            foreach (var step in steps.Skip(1))
            {
                type = ItemType(type);
                var property = type.GetProperty(step) ?? throw new InvalidOperationException(
                    $"{method.DeclaringType?.Name}.{method.Name} declares actor path '{part}', but {type.Name} has no property '{step}'.");
                getters.Add(property);
                type = property.PropertyType;
            }
            path._readers.Add((arguments, _) => Walk(arguments[index], getters, 0));
        }
        return path;
    }

    public IReadOnlyCollection<string?> Read(object?[] arguments, string grainKey) =>
        _readers.Count == 0 ? [] : _readers.SelectMany(read => read(arguments, grainKey)).ToList();

    private static IEnumerable<string?> Walk(object? value, List<PropertyInfo> getters, int step)
    {
        if (value is null) return [null];
        if (value is not string && value is IEnumerable items) return items.Cast<object?>().SelectMany(item => Walk(item, getters, step));
        if (step == getters.Count) return [value as string];
        return Walk(getters[step].GetValue(value), getters, step + 1);
    }

    /// <summary>A list's item type (a path steps through lists item by item); the type itself otherwise.</summary>
    private static Type ItemType(Type type) =>
        type == typeof(string) ? type
        : type.IsArray ? type.GetElementType()!
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] ?? type;
}
