using System.Net;

namespace Hive.Silo.Hosting;

/// <summary>One line per problem with <c>Hive:Silo</c>, each naming its key and phrased as the fix.</summary>
public sealed class HiveSiloOptionsValidator : IValidateOptions<HiveSiloOptions>
{
    private const string Section = HiveSiloOptions.Section;

    public ValidateOptionsResult Validate(string? name, HiveSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!HiveIds.IsValid(options.ClusterId)) problems.Add($"{Section}:ClusterId '{options.ClusterId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (!HiveIds.IsValid(options.ServiceId)) problems.Add($"{Section}:ServiceId '{options.ServiceId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (options.SiloPort is < 1 or > 65535) problems.Add($"{Section}:SiloPort must be 1–65535; got {options.SiloPort}.");
        if (options.GatewayPort is < 1 or > 65535) problems.Add($"{Section}:GatewayPort must be 1–65535; got {options.GatewayPort}.");
        if (options.SiloListeningPort is < 1 or > 65535) problems.Add($"{Section}:SiloListeningPort must be 1–65535 or unset; got {options.SiloListeningPort}.");
        if (options.SiloListeningPort == options.GatewayPort) problems.Add($"{Section}:SiloListeningPort and GatewayPort must differ; both are {options.GatewayPort}.");
        if (!IPAddress.TryParse(options.AdvertisedIP, out _))
            problems.Add($"{Section}:AdvertisedIP '{options.AdvertisedIP}' must be an IP address, for example 127.0.0.1 or the pod IP.");
        if (!string.IsNullOrEmpty(options.SiloName) && (options.SiloName.Length > 253 || options.SiloName.Any(char.IsWhiteSpace)))
            problems.Add($"{Section}:SiloName must be at most 253 characters without spaces, for example the pod name.");
        if (options.ShutdownTimeout < TimeSpan.FromSeconds(1) || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
            problems.Add($"{Section}:ShutdownTimeout must be 00:00:01–00:10:00; got {options.ShutdownTimeout}.");
        if (options.SiloPort == options.GatewayPort) problems.Add($"{Section}:SiloPort and GatewayPort must differ; both are {options.SiloPort}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
