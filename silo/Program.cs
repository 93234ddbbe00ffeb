return await Hive.Silo.Hosting.HiveSilo.RunAsync(args);
