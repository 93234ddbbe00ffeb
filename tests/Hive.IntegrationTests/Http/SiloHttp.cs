using System.Net;
using System.Net.Http.Headers;
using Hive.Silo.Http;

namespace Hive.Tests.Http;

/// <summary>Talks to a silo process's HTTP port and waits for an answer to change, failing with the silo's output.</summary>
internal sealed class SiloHttp(SiloProcess silo) : IDisposable
{
    public const string Token = "test-admin-token-0123456789abcdef";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = new() { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The status code and body of a GET; a refused connection is reported as null.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> TryGetAsync(string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string? bearer = null) =>
        await TryGetAsync(path, bearer) ?? throw new Xunit.Sdk.XunitException($"GET {path}: the silo refused the connection. Output:\n{silo.Output}");

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/>; fails after a minute.</summary>
    public async Task<string> WaitForAsync(string path, HttpStatusCode expected, string? bearer = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        (HttpStatusCode Status, string Body)? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await TryGetAsync(path, bearer);
            if (last?.Status == expected) return last.Value.Body;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"GET {path} never answered {(int)expected}; last: {last?.Status.ToString() ?? "refused"} {last?.Body}\nOutput:\n{silo.Output}");
    }

    /// <summary>Started and ready: the point from which a test may expect the silo to serve.</summary>
    public async Task WaitUntilReadyAsync()
    {
        await silo.WaitForOutputAsync("Hive is running", Patience);
        await WaitForAsync(HiveEndpoints.Ready, HttpStatusCode.OK);
    }

    public void Dispose() => _http.Dispose();
}
