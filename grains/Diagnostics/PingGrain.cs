namespace Hive.Diagnostics;

/// <summary>The no-op baseline grain; see <see cref="IPingGrain"/>.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
