using System.Runtime.InteropServices;
using Hive.Console.Cli;

// Ctrl+C and SIGTERM cancel the running command, which ends cleanly (watch and top exit 0); a second one kills.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await HiveCli.RunAsync(args, CliEnvironment.ForTerminal(), stop.Token);

void Stop(PosixSignalContext signal)
{
    signal.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}
