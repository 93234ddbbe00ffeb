namespace Hive.Silo.Http;

/// <summary>
/// Holds the host for <see cref="HiveHttpOptions.DrainDelay"/> once shutdown begins, before any service stops: the silo
/// keeps serving while readiness already answers 503 (see <see cref="Checks.NotStoppingCheck"/>). The host runs
/// every service's <c>StoppingAsync</c> before the first <c>StopAsync</c>, and Kestrel stops first of all.
/// </summary>
public sealed partial class ShutdownDrain(HiveHttpOptions options, ILogger<ShutdownDrain> log) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (options.DrainDelay <= TimeSpan.Zero) return;
        LogDraining(log, options.DrainDelay.TotalSeconds);
        try
        {
            await Task.Delay(options.DrainDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout cut the drain short: stopping goes on.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: readiness answers 503; serving {Seconds:0.#} s more before stopping")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
