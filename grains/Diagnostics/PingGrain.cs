namespace Hive.Diagnostics;

/// <summary>
/// The no-op baseline grain; see <see cref="IPingGrain"/>. Key 0 only, like every integer-keyed grain; a stateless worker,
/// so concurrent pings run on as many activations as they need instead of queueing on one.
/// </summary>
[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
