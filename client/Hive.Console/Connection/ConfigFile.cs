using System.Text.Json;
using Hive.Console.Cli;
using Hive.Console.Output;

namespace Hive.Console.Connection;

/// <summary>
/// <c>~/.config/hive/config.json</c> (or <c>--config</c>): <c>{"gateways":["host:port"],"clusterId":"hive","serviceId":"hive","actor":"alice","token":"eyJ…"}</c>.
/// Every field is optional; flags and environment variables override it.
/// </summary>
internal sealed record ConfigFile(IReadOnlyList<string>? Gateways = null, string? ClusterId = null, string? ServiceId = null, string? Actor = null, string? Token = null)
{
    public static ConfigFile Read(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new UsageException($"The config file '{path}' does not exist.") : new ConfigFile();
        }
        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), ConsoleJson.Options) ?? new ConfigFile();
        }
        catch (JsonException e)
        {
            throw new UsageException($"The config file '{path}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary><c>$XDG_CONFIG_HOME/hive/config.json</c>, else <c>~/.config/hive/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?> variable, string home)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var root = variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".config");
        return Path.Combine(root, "hive", "config.json");
    }
}
