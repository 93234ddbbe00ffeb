using System.Globalization;

namespace Hive.Chaos;

/// <summary>The verdict of one run. <see cref="Recovery"/> is null when some kind of write never succeeded again.</summary>
public sealed record ChaosReport(Tally Tally, TimeSpan? Recovery, IReadOnlyList<CallRecord> Calls)
{
    public int Acked => Tally.Acked;
    public int Lost => Tally.Lost;
    public int Duplicates => Tally.Duplicates;

    /// <summary>No acknowledged write lost, nothing done twice, and the hive served every kind of write again.</summary>
    public bool Passed => Lost == 0 && Duplicates == 0 && Recovery is not null;

    /// <summary>The one line the drill ends with; recovery_ms is -1 when the hive never recovered within the run.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"acked={Acked} lost={Lost} duplicates={Duplicates} recovery_ms={(Recovery is { } r ? (long)r.TotalMilliseconds : -1)}");

    public override string ToString() => Line;
}
