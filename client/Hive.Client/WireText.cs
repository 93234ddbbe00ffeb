using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Hive.Client;

/// <summary>
/// Orleans sends strings as UTF-8, which has no code for a lone surrogate: the silo would receive U+FFFD in its place
/// and store text the caller never sent. So text that would not cross unchanged is refused here, with a
/// <c>validation</c> error naming the field, and nothing is sent. Only what the wire changes is checked: lengths and
/// NUL are the hive's rules, and the hive reports them with the entity they concern.
/// </summary>
internal static class WireText
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>
    /// Checks a text argument, or every text inside a Hive record, list or dictionary argument (<c>spec.Title</c>,
    /// <c>spec.Metadata[owner]</c>); values of other types carry no text of the caller's.
    /// </summary>
    public static void Require(string field, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (!HiveText.IsWellFormed(text))
                {
                    throw HiveException.Validation(
                        $"{field} holds a lone surrogate (broken UTF-16), which the wire would turn into U+FFFD; fix the text, nothing was sent.");
                }
                return;
            case IDictionary entries:
                foreach (DictionaryEntry entry in entries)
                {
                    Require(field + " key", entry.Key);
                    Require($"{field}[{entry.Key}]", entry.Value);
                }
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items) Require($"{field}[{i++}]", item);
                return;
        }
        foreach (var property in Properties.GetOrAdd(value.GetType(), TextBearing)) Require($"{field}.{property.Name}", property.GetValue(value));
    }

    /// <summary>The readable properties of Hive's own records (and of dictionary pairs); none for any other type.</summary>
    private static PropertyInfo[] TextBearing(Type type)
    {
        var walked = type.Namespace?.StartsWith("Hive", StringComparison.Ordinal) == true
            || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);
        return walked
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()
            : [];
    }
}
