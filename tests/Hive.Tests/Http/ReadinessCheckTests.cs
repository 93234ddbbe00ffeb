using Hive.Silo.Http.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hive.Tests.Http;

/// <summary>The checks behind the probes, without a silo: the host's lifetime and a dependency that counts its probes.</summary>
[Trait("Category", "Unit")]
public sealed class ReadinessCheckTests
{
    [Fact]
    public async Task Readiness_fails_the_moment_shutdown_begins()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var check = new NotStoppingCheck(lifetime);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context(check))).Status);

        lifetime.StopApplication();

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(Context(check))).Status);
    }

    [Fact]
    public async Task Startup_succeeds_once_the_host_has_started()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var check = new StartedCheck(lifetime);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(Context(check))).Status);

        lifetime.NotifyStarted();

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context(check))).Status);
    }

    [Fact]
    public async Task A_dependency_is_asked_at_most_once_per_second_however_often_readiness_is_polled()
    {
        var time = new FakeTimeProvider();
        var probe = new CountingProbe(time);

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => probe.CheckHealthAsync(Context(probe))));
        time.Advance(CachedProbe.Freshness - TimeSpan.FromMilliseconds(1));
        await probe.CheckHealthAsync(Context(probe));
        Assert.Equal(1, probe.Calls);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await probe.CheckHealthAsync(Context(probe));

        Assert.Equal(2, probe.Calls);
        Assert.All(first, r => Assert.Equal(HealthStatus.Healthy, r.Status));
    }

    [Fact]
    public async Task A_dependency_that_does_not_answer_is_unhealthy_after_the_probe_timeout()
    {
        var time = new FakeTimeProvider();
        var probe = new CountingProbe(time) { Hang = true };

        var pending = probe.CheckHealthAsync(Context(probe));
        while (probe.Calls == 0) await Task.Delay(10); // the probe runs on the thread pool
        time.Advance(CachedProbe.ProbeTimeout);
        var result = await pending;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("no answer within", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_dependency_is_unhealthy_with_a_description_not_an_exception()
    {
        var probe = new CountingProbe(new FakeTimeProvider()) { Fail = true };

        var result = await probe.CheckHealthAsync(Context(probe));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("refused", result.Description);
        Assert.Null(result.Exception);
    }

    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration("test", check, failureStatus: null, tags: null) };

    private sealed class CountingProbe(TimeProvider time) : CachedProbe(time)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);
        public bool Hang { get; init; }
        public bool Fail { get; init; }

        protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Hang) await Task.Delay(Timeout.Infinite, CancellationToken.None);
            if (Fail) throw new InvalidOperationException("the dependency refused");
            return HealthCheckResult.Healthy();
        }

        protected override string Describe(Exception error) => "refused";
    }
}
