using Hive.Demo;
using Hive.Silo.Hosting;

// The development host: the production silo plus the demo swarm in one process. Every other argument is the silo's.
return await HiveSilo.RunAsync(args, new DemoCompanion(exitWhenDone: args.Contains(DemoCompanion.ExitFlag)));
