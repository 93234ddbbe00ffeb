using System.Globalization;
using Hive.Chaos;

// The failover drill's load and verdict. Usage:
//   Hive.Chaos --redis 127.0.0.1:56379 [--cluster-id hive] [--service-id hive] [--gateway host:port ...] [--token-file PATH]
//              [--memory-writers 4] [--task-writers 4] [--message-writers 2] [--duration seconds]
// Commands on stdin, one a line: "kill" marks the moment a silo is killed (recovery is measured from it); "stop"
// (or the end of stdin when there is no --duration, or --duration running out) stops the load and verifies. Progress goes to stderr; the last
// line on stdout is "acked=N lost=M duplicates=D recovery_ms=T". Exit 0 when nothing acknowledged was lost,
// nothing was done twice and every kind of write succeeded again; 1 otherwise; 2 for bad arguments.
var settings = ChaosArguments.Parse(args);
if (settings.Problem is { } problem)
{
    Console.Error.WriteLine($"chaos: {problem}");
    Console.Error.WriteLine("usage: Hive.Chaos --redis HOST:PORT | --gateway HOST:PORT ... [--cluster-id ID] [--service-id ID] "
        + "[--token-file PATH] [--memory-writers N] [--task-writers N] [--message-writers N] [--duration SECONDS]");
    return 2;
}

// Enough threads from the start: on a loaded 2-core machine the pool grows slowly, and a few blocked threads (the
// stdin reader, the Redis client's synchronous work) would otherwise stall the writers and the timers that measure them.
ThreadPool.SetMinThreads(32, 32);
using var client = await ChaosClient.StartAsync(settings.Configure);
using var load = new ChaosLoad(client.Hive(), settings.Options);
try
{
    await load.StartAsync();
}
catch (Exception e) when (Patiently.Passing(e) || e is HiveException or TimeoutException)
{
    Console.Error.WriteLine($"chaos: the load could not start: the hive kept answering {e.GetType().Name}: {e.Message}");
    return 1;
}
Say($"load running as {settings.Options.RunId}");

using var done = new CancellationTokenSource();
if (settings.Duration is { } duration) done.CancelAfter(duration);
// A thread of its own for stdin: Console.In reads synchronously, even through ReadLineAsync.
new Thread(() =>
{
    while (Console.In.ReadLine() is { } line)
    {
        if (line.Trim() == "kill")
        {
            load.Mark();
            Say($"fault marked after {load.Succeeded} successful writes");
        }
        else if (line.Trim() == "stop")
        {
            done.Cancel();
            return;
        }
    }
    // With --duration the load needs no stdin (it may be /dev/null); otherwise the end of stdin means stop.
    if (settings.Duration is null) done.Cancel();
}) { IsBackground = true }.Start();
var progress = Stopwatch.StartNew();
while (!done.IsCancellationRequested)
{
    await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(2)), Task.Delay(Timeout.Infinite, done.Token));
    Say(string.Create(CultureInfo.InvariantCulture, $"{progress.Elapsed.TotalSeconds:0}s, {load.Progress}"));
}

var report = await load.StopAndVerifyAsync();
Say(load.Log.DescribeDisturbance());
foreach (var line in report.Tally.Problems.Take(20)) Say(line);
await client.StopAsync();
Console.WriteLine(report.Line);
return report.Passed ? 0 : 1;

static void Say(string line) => Console.Error.WriteLine($"chaos: {DateTime.Now:HH:mm:ss.fff} {line}");
