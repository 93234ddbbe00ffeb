namespace Hive.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins. Bound from <c>Hive:Silo</c>.</summary>
public sealed class HiveSiloOptions
{
    public const string Section = "Hive:Silo";

    public string ClusterId { get; set; } = "hive";
    public string ServiceId { get; set; } = "hive";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Every problem with these settings, each phrased as the fix; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!HiveIds.IsValid(ClusterId)) problems.Add($"{Section}:ClusterId '{ClusterId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (!HiveIds.IsValid(ServiceId)) problems.Add($"{Section}:ServiceId '{ServiceId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (SiloPort is < 1 or > 65535) problems.Add($"{Section}:SiloPort must be 1–65535; got {SiloPort}.");
        if (GatewayPort is < 1 or > 65535) problems.Add($"{Section}:GatewayPort must be 1–65535; got {GatewayPort}.");
        if (SiloPort == GatewayPort) problems.Add($"{Section}:SiloPort and GatewayPort must differ; both are {SiloPort}.");
        return problems;
    }
}
