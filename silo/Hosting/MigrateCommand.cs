using Hive.Silo.Storage;

namespace Hive.Silo.Hosting;

/// <summary>
/// <c>hive migrate</c>: applies pending schema migrations and exits, for operators who migrate as a separate
/// deployment step. Silos apply the same migrations at start, so skipping this step is safe. Like a silo, it claims the
/// database for <c>Hive:Silo:ServiceId</c> and refuses one that belongs to another hive.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(PostgresTarget target, string serviceId, ILoggerFactory loggers)
    {
        try
        {
            var (dataSource, report) = await DurableStorage.OpenAsync(target, serviceId, loggers);
            await dataSource.DisposeAsync();
            Console.WriteLine(report.Applied.Count == 0
                ? $"hive: schema of {target.Display} is current at version {report.SchemaVersion}."
                : $"hive: applied {Describe(report.Applied)} to {target.Display}; schema version {report.SchemaVersion}.");
            return 0;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine($"hive: {e.Message}");
            return 2;
        }
    }

    public static string Describe(IEnumerable<Migration> migrations) =>
        string.Join(", ", migrations.Select(m => $"{m.Version:D4} {m.Name}"));
}
