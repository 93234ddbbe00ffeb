using Hive.Silo.Hosting;

var demo = args.Contains(DemoMode.Flag) || args.Contains(DemoMode.ExitFlag);
var demoExit = args.Contains(DemoMode.ExitFlag);
var builder = Host.CreateApplicationBuilder(args.Where(a => a is not (DemoMode.Flag or DemoMode.ExitFlag)).ToArray());
var siloOptions = builder.Configuration.GetSection(HiveSiloOptions.Section).Get<HiveSiloOptions>() ?? new HiveSiloOptions();
if (siloOptions.Problems() is { Count: > 0 } problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"hive: configuration error: {problem}");
    return 2;
}

builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, null, siloOptions.ServiceId, siloOptions.ClusterId);
    silo.AddHive(builder.Configuration);
});

using var host = builder.Build();
try
{
    // Validate every option before starting, so a bad setting prints one line instead of the host's stack trace.
    host.Services.GetRequiredService<IStartupValidator>().Validate();
    await host.StartAsync();
}
catch (OptionsValidationException e)
{
    foreach (var failure in e.Failures) Console.Error.WriteLine($"hive: configuration error: {failure}");
    return 2;
}

Console.WriteLine($"Hive is running: cluster '{siloOptions.ClusterId}', silo 127.0.0.1:{siloOptions.SiloPort}, gateway 127.0.0.1:{siloOptions.GatewayPort}.");
Console.WriteLine("Storage: in-memory. State is NOT durable in this mode: it is gone when this process stops.");
if (demo && await DemoMode.RunAsync(host, demoExit) is { } exitCode)
{
    await host.StopAsync();
    return exitCode;
}
Console.WriteLine("Press Ctrl+C to stop.");
await host.WaitForShutdownAsync();
return 0;
