using System.Text.Json;

namespace Hive.Security;

/// <summary>
/// The credentials a development silo makes for itself and writes beside the checkout (git-ignored): an operator token
/// holding every scope, and the demo swarm's service token when the demo host runs. The console and Hive.Client read it when no credential is
/// configured, so a newcomer's first commands work unchanged with authentication on.
/// </summary>
public sealed record DevCredentialsFile(string Operator, string? Swarm, DateTimeOffset ExpiresAt)
{
    public const string DefaultPath = ".hive/dev-credentials.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file at <paramref name="path"/>, or null when there is none or it does not parse.</summary>
    public static DevCredentialsFile? Read(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The credentials in <paramref name="json"/>, or null when it does not parse.</summary>
    public static DevCredentialsFile? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DevCredentialsFile>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file in the working folder or the nearest folder above it that has one (a checkout's root).</summary>
    public static string? Find(string startFolder)
    {
        for (var folder = new DirectoryInfo(startFolder); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, DefaultPath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
