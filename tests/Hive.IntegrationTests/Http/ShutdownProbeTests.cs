using System.Net;
using Hive.Silo.Http;

namespace Hive.Tests.Http;

/// <summary>A silo asked to stop (SIGTERM, as Kubernetes and Ctrl+C do) reports itself unready while it still serves.</summary>
[Trait("Category", "Process")]
public sealed class ShutdownProbeTests
{
    [Fact]
    public async Task Sigterm_turns_readiness_503_while_liveness_stays_200_and_the_silo_exits_cleanly()
    {
        // The drain keeps the server up after shutdown begins, so the 503 is observable rather than a refused connection.
        await using var silo = SiloProcess.Start([], new Dictionary<string, string> { ["Hive__Http__DrainDelay"] = "00:00:05" });
        using var http = new SiloHttp(silo);
        await http.WaitUntilReadyAsync();

        silo.Terminate();
        var unready = await http.WaitForAsync(HiveEndpoints.Ready, HttpStatusCode.ServiceUnavailable);
        var live = await http.GetAsync(HiveEndpoints.Live);

        Assert.Equal("Unhealthy", unready);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), live);
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
    }
}
