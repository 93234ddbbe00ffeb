using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Hive.Silo.Storage;

/// <summary>The migrations this silo knows: every <c>Storage/Migrations/NNNN_name.sql</c> embedded in the silo assembly.</summary>
public static partial class Migrations
{
    /// <summary>The prefix the csproj gives every migration's resource name (its LogicalName).</summary>
    public const string ResourcePrefix = "Hive.Migrations.";

    /// <summary>All embedded migrations in version order; throws when two files claim the same version.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(Migrations).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = FileName().Match(fileName);
            if (!match.Success)
                throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_name.sql (four digits, lower-case name).");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        return Ordered(migrations);
    }

    /// <summary>Sorts by version; two migrations with one version would make "applied once" meaningless.</summary>
    public static IReadOnlyList<Migration> Ordered(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Migrations {string.Join(" and ", duplicate.Select(m => m.Name))} both claim version {duplicate.Key}.");
        return ordered;
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
