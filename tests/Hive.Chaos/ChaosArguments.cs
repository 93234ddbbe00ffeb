using System.Globalization;

namespace Hive.Chaos;

/// <summary>The driver's command line, read into client settings and load options; <see cref="Problem"/> names the first bad argument.</summary>
internal sealed record ChaosArguments(Action<HiveClientOptions> Configure, ChaosOptions Options, TimeSpan? Duration, string? Problem)
{
    public static ChaosArguments Parse(IReadOnlyList<string> args)
    {
        string? redis = null, clusterId = null, serviceId = null, tokenFile = null;
        var gateways = new List<string>();
        var options = new ChaosOptions();
        TimeSpan? duration = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (value is null) return Fail($"{args[i]} needs a value");
            int Count() => int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : -1;
            switch (args[i])
            {
                case "--redis": redis = value; break;
                case "--cluster-id": clusterId = value; break;
                case "--service-id": serviceId = value; break;
                case "--gateway": gateways.Add(value); break;
                case "--token-file": tokenFile = value; break;
                case "--memory-writers" when Count() >= 0: options = options with { MemoryWriters = Count() }; break;
                case "--task-writers" when Count() >= 0: options = options with { TaskWriters = Count() }; break;
                case "--message-writers" when Count() >= 0: options = options with { MessageWriters = Count() }; break;
                case "--duration" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s > 0: duration = TimeSpan.FromSeconds(s); break;
                default: return Fail($"'{args[i]} {value}' is not understood");
            }
            i++;
        }
        if (redis is null && gateways.Count == 0) return Fail("say where the hive is: --redis or --gateway");
        return new ChaosArguments(o =>
        {
            o.RedisConnectionString = redis;
            foreach (var gateway in gateways) o.Gateways.Add(gateway);
            if (clusterId is not null) o.ClusterId = clusterId;
            if (serviceId is not null) o.ServiceId = serviceId;
            o.CallerId = options.RunId;
            if (tokenFile is not null) o.TokenFile = tokenFile;
        }, options, duration, null);
    }

    private static ChaosArguments Fail(string problem) => new(_ => { }, new ChaosOptions(), null, problem);
}
