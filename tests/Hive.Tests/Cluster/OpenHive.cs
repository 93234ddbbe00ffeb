namespace Hive.Tests.Cluster;

/// <summary>
/// Configuration for in-process hives whose tests are about something other than callers' credentials (storage,
/// timers, the console): they run with <c>Hive:Security:Mode=Open</c>. The credential filter has cluster tests of its own.
/// </summary>
public static class OpenHive
{
    public const string ModeSetting = "Hive:Security:Mode";

    public static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(ModeSetting, "Open")])
            .AddInMemoryCollection(settings ?? [])
            .Build();
}
