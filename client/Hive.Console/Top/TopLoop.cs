namespace Hive.Console.Top;

/// <summary>Redraws every interval until q (or Escape) is pressed or the token is cancelled (Ctrl+C); both end it cleanly.</summary>
internal sealed class TopLoop(IAnsiConsole console, TopSource source, string where, TimeSpan interval)
{
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(50);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var rows = Math.Max(3, (console.Profile.Height - 12) / 3);
        await console.Live(new Text("connecting…")).Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async live =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var frame = await source.NextAsync(cancellationToken);
                    live.UpdateTarget(TopView.Render(frame, where, rows));
                    live.Refresh();
                    if (await QuitRequestedAsync(cancellationToken)) return;
                }
            });
    }

    /// <summary>Waits one interval for a key. A console without input (redirected, or a test with none queued) just waits.</summary>
    private async Task<bool> QuitRequestedAsync(CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (waited < interval)
        {
            if (cancellationToken.IsCancellationRequested) return true;
            if (KeyAvailable() && console.Input.ReadKey(intercept: true) is { } key
                && (key.Key is ConsoleKey.Q or ConsoleKey.Escape || key.KeyChar is 'q' or 'Q'))
            {
                return true;
            }
            try
            {
                await Task.Delay(KeyPoll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
            waited += KeyPoll;
        }
        return false;
    }

    private bool KeyAvailable()
    {
        try
        {
            return console.Input.IsKeyAvailable();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
