using System.Globalization;

namespace Hive.LoadGen;

/// <summary>
/// CPU seconds spent by the silo, this generator and PostgreSQL, read from /proc/&lt;pid&gt;/stat. PostgreSQL is the
/// postmaster and every child of it (one backend per connection, the WAL writer, the checkpointer...), so other
/// PostgreSQL servers on the same machine are not counted.
/// </summary>
internal sealed class CpuMeter(int? siloPid, int? postmasterPid)
{
    // USER_HZ, the unit of utime/stime in /proc, is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public CpuSample Sample()
    {
        var children = new Dictionary<int, long>();
        long reaped = 0;
        if (postmasterPid is { } postmaster && Directory.Exists("/proc"))
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                if (Read(pid) is not { } stat) continue;
                if (pid == postmaster)
                {
                    children[pid] = stat.Own;
                    reaped = stat.Children;
                }
                else if (stat.Parent == postmaster)
                {
                    children[pid] = stat.Own;
                }
            }
        }
        return new CpuSample(Environment.TickCount64, siloPid is { } silo ? Read(silo)?.Own ?? 0 : 0, Read(Environment.ProcessId)?.Own ?? 0, children, reaped);
    }

    /// <summary>Percent of one core used by each side between two samples (200 % is both cores of a 2-core machine).</summary>
    public static CpuUse Between(CpuSample before, CpuSample after)
    {
        var seconds = Math.Max(0.001, (after.AtMs - before.AtMs) / 1000.0);
        // A backend that exited in between left the sample but its whole life landed in the postmaster's reaped
        // children time, so subtract what it had already used at the first sample.
        var postgres = after.Postgres.Sum(p => p.Value - before.Postgres.GetValueOrDefault(p.Key))
            + (after.PostgresReaped - before.PostgresReaped)
            - before.Postgres.Where(p => !after.Postgres.ContainsKey(p.Key)).Sum(p => p.Value);
        double Percent(long ticks) => ticks / TicksPerSecond / seconds * 100;
        return new CpuUse(Percent(after.Silo - before.Silo), Percent(after.Generator - before.Generator), Percent(postgres));
    }

    private static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name sits in parentheses and may itself hold spaces; fields are counted after its last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    private sealed record ProcStat(int Parent, long Own, long Children);
}

internal sealed record CpuSample(long AtMs, long Silo, long Generator, IReadOnlyDictionary<int, long> Postgres, long PostgresReaped);

internal readonly record struct CpuUse(double SiloPercent, double GeneratorPercent, double PostgresPercent);

/// <summary>Finds the processes the meter watches.</summary>
internal static class ProcessTree
{
    /// <summary>The parent of <paramref name="pid"/>: for a PostgreSQL backend, the postmaster.</summary>
    public static int? ParentOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
