using System.Text.Json;
using Hive.Client;
using Hive.LoadGen.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hive.LoadGen;

/// <summary>
/// The silos scripts/bench.sh starts beside the durable one to price the transport: identical in-memory silos that
/// differ only in authentication and TLS, each called with the no-op ping from a client of its own, so the rows
/// compare like with like in one run. The file lists them in the order they are measured; the first is the baseline
/// of the others.
/// </summary>
internal sealed class TransportSilos : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly List<IHost> _hosts = [];

    private TransportSilos()
    {
    }

    /// <summary>One no-op scenario per silo, with a CPU meter on that silo's process.</summary>
    public IReadOnlyList<(IScenario Scenario, CpuMeter Cpu)> Scenarios { get; private set; } = [];

    /// <summary>One silo as the file describes it: <c>name</c>, <c>gateway</c>, <c>pid</c>, and the credential and CA when it wants them.</summary>
    private sealed record Silo(string Name, string Gateway, int Pid, string? TokenFile, string? TlsCa);

    public static async Task<TransportSilos> ConnectAsync(string path, int? postmaster)
    {
        var silos = JsonSerializer.Deserialize<List<Silo>>(await File.ReadAllTextAsync(path), Json)
            ?? throw new ArgumentException($"{path} lists no silos.");
        var connected = new TransportSilos();
        var scenarios = new List<(IScenario, CpuMeter)>();
        foreach (var silo in silos)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddHiveClient(o =>
            {
                o.Gateways.Add(silo.Gateway);
                o.CallerId = "loadgen";
                o.TokenFile = silo.TokenFile;
                o.Tls.Enabled = silo.TlsCa is not null;
                o.Tls.CaPath = silo.TlsCa;
            });
            var host = builder.Build();
            connected._hosts.Add(host);
            await host.StartAsync();
            var baseline = scenarios.Count == 0 ? null : scenarios[0].Item1.Name;
            scenarios.Add((new NoopCall(silo.Name, baseline, host.Services.GetRequiredService<HiveCalls>(), host.Services.GetRequiredService<IClusterClient>()),
                new CpuMeter(silo.Pid, postmaster)));
        }
        connected.Scenarios = scenarios;
        return connected;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
