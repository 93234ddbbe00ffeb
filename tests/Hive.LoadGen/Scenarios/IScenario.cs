namespace Hive.LoadGen.Scenarios;

/// <summary>One kind of load. The closed loop calls <see cref="RunOnceAsync"/> back to back from each worker.</summary>
internal interface IScenario
{
    /// <summary>The row name in the table and in bench-results.json.</summary>
    string Name { get; }

    /// <summary>The baseline row this scenario is compared with; null for the baselines themselves.</summary>
    string? Baseline { get; }

    /// <summary>Names of the timed steps inside one operation (each step calls <see cref="StepClock.Lap"/>); empty when the operation is one call.</summary>
    IReadOnlyList<string> Steps { get; }

    /// <summary>What one operation moves: ops/s counts these (messages for a batch send), latencies stay per operation.</summary>
    int ItemsPerOperation => 1;

    /// <summary>Untimed set-up for this many workers: registrations, the entities the workers read, the bench table.</summary>
    Task PrepareAsync(int workers, CancellationToken cancellationToken);

    /// <summary>One operation of worker <paramref name="worker"/>; <paramref name="iteration"/> counts that worker's operations.</summary>
    Task RunOnceAsync(int worker, long iteration, StepClock steps);
}
