using System.Text;

namespace Hive.LoadGen;

/// <summary>The ~1 KB JSON value every write scenario and the raw upsert baseline carry, so payload size is not a variable.</summary>
internal static class Payload
{
    public static string Json { get; } = Build();

    public static byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Json);

    private static string Build()
    {
        // Shaped like what agents share: a status object with a few fields and a list of findings.
        var findings = string.Join(",", Enumerable.Range(1, 12).Select(i =>
            $"{{\"id\":\"finding-{i:00}\",\"severity\":\"{(i % 3 == 0 ? "high" : "low")}\",\"note\":\"latency within budget on shard {i:00}\"}}"));
        return $"{{\"status\":\"validated\",\"agent\":\"production-validator-1\",\"run\":42,\"findings\":[{findings}]}}";
    }
}
