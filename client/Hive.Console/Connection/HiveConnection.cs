namespace Hive.Console.Connection;

/// <summary>A connected <see cref="HiveClient"/> and whatever must be stopped when the command is done with it.</summary>
internal sealed class HiveConnection(HiveClient hive, Func<ValueTask>? close = null) : IAsyncDisposable
{
    public HiveClient Hive { get; } = hive;

    public ValueTask DisposeAsync() => close?.Invoke() ?? ValueTask.CompletedTask;
}
