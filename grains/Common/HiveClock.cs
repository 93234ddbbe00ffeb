namespace Hive.Common;

/// <summary>
/// The clock every deadline and timestamp in the domain reads. It is separate from the TimeProvider
/// Orleans itself runs on, so tests can move Hive's time without confusing membership or call timeouts.
/// </summary>
public sealed class HiveClock(TimeProvider time)
{
    public static HiveClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset Now => time.GetUtcNow();
}
