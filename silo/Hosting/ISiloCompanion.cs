namespace Hive.Silo.Hosting;

/// <summary>
/// What a host built on the silo runs in the same process once the silo serves: the demo host's swarm. The production
/// silo has none, so its image carries no demo code.
/// </summary>
public interface ISiloCompanion
{
    /// <summary>Command-line flags the companion reads; the silo leaves them out of its configuration.</summary>
    IReadOnlyCollection<string> Flags { get; }

    /// <summary>The roles of the development service credential the companion acts with.</summary>
    IReadOnlyCollection<string> ServiceRoles { get; }

    /// <summary>Runs once the silo serves; returns the exit code when the process should end now, or null to keep serving.</summary>
    /// <param name="serviceToken">The development service credential; null when the silo does not authenticate callers.</param>
    Task<int?> RunAsync(IHost host, string? serviceToken);
}
