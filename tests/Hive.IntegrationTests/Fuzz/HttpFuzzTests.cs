using System.Net.Http.Headers;
using System.Text;
using Hive.Silo.Http;
using Hive.Tests.Http;

namespace Hive.Tests.Fuzz;

/// <summary>
/// Random methods, paths, headers and bodies against a silo process's HTTP port: whatever arrives, the answer is
/// never a 5xx (the silo is up and ready throughout, so no 503 is due either).
/// </summary>
[Trait("Category", "Process")]
public sealed class HttpFuzzTests(HttpSiloFixture fixture) : IClassFixture<HttpSiloFixture>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "BREW", "PROPFIND"];
    private static readonly string[] Known = [HiveEndpoints.Live, HiveEndpoints.Ready, HiveEndpoints.Startup, "/health", "/metrics", "/"];
    private static readonly string[] Segments = ["..", "%2e%2e", "%00", "%ff", "%", "a b", "ü", "\u202E", "health", "metrics", "?x=1", "#f", "//", ";", "~"];

    [Fact]
    public async Task No_request_gets_a_server_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HIVE_FUZZ_SEED"), out var s) ? s : FuzzTests.DefaultSeed;
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = fixture.Silo.Http, Timeout = TimeSpan.FromSeconds(10) };
        var errors = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 1500 && errors.Count < 10; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), Path(random));
            Headers(random, request);
            if (random.Next(3) == 0) request.Content = Body(random);
            using var response = await http.SendAsync(request);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            if (code >= 500) errors.Add($"request {i}: {request.Method} {request.RequestUri} answered {code}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(errors.Count == 0, $"Seed {seed}:\n{string.Join("\n", errors)}");
        Assert.True(statuses.GetValueOrDefault(200) > 0 && statuses.Keys.Any(k => k >= 400), $"Statuses seen: {string.Join(", ", statuses)}");
    }

    private static string Path(Random random)
    {
        if (random.Next(3) == 0) return Pick(random, Known);
        // Never "//…" at the start, which a URI reads as a host name.
        var path = new StringBuilder(random.Next(2) == 0 ? Pick(random, Known).TrimEnd('/') : "/fuzz");
        for (var n = random.Next(1, 6); n > 0; n--) path.Append('/').Append(Uri.EscapeDataString(Pick(random, Segments)));
        if (random.Next(10) == 0) path.Append('/').Append('a', random.Next(1000, 6000));
        if (random.Next(4) == 0) path.Append("?q=").Append(Uri.EscapeDataString(Pick(random, Segments))).Append("&&=&x");
        return path.ToString();
    }

    private static void Headers(Random random, HttpRequestMessage request)
    {
        switch (random.Next(5))
        {
            case 0:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", random.Next(2) == 0 ? SiloHttp.Token : new string('z', random.Next(1, 4000)));
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(random, ["Basic !!!", "Bearer", "Bearer  ", "bearer " + SiloHttp.Token, "Bearer \x7f"]));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["*/*", "application/json", "text/plain;q=x", "garbage/"]));
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("X-" + random.Next(1000), new string('h', random.Next(1, 2000)));
                break;
        }
    }

    private static ByteArrayContent Body(Random random)
    {
        var bytes = new byte[random.Next(0, 64 * 1024)];
        random.NextBytes(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", Pick(random, ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]));
        return content;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
