using System.Globalization;
using Hive.Benchmarks;

// Micro-benchmarks and drills for the PostgreSQL append stores; not tests. Usage:
//   dotnet run -c Release --project tests/Hive.Benchmarks -- throughput [seconds per case]
//   dotnet run -c Release --project tests/Hive.Benchmarks -- outage [seconds]
// The server comes from HIVE_TEST_POSTGRES; each run works in a schema of its own and drops it.
var connectionString = Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES");
if (string.IsNullOrEmpty(connectionString) || args.Length == 0 || args[0] is not ("throughput" or "outage"))
{
    Console.Error.WriteLine("usage: HIVE_TEST_POSTGRES=<connection string> Hive.Benchmarks throughput|outage [seconds]");
    return 2;
}
var seconds = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : args[0] == "outage" ? 30 : 5);
if (args[0] == "throughput")
{
    await Throughput.RunAsync(connectionString, seconds);
    return 0;
}
return await OutageDrill.RunAsync(connectionString, seconds);
