namespace Hive.Retention;

/// <summary>
/// The one grain that purges what the hive keeps past its retention periods (<c>Hive:Retention</c>). Every silo asks it for
/// a pass on an interval (see the silo's retention keeper); being one activation, passes never overlap.
/// </summary>
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Purges for up to a few seconds: audit events older than the audit retention (exported first, then deleted in small
    /// batches) and entities finished for longer than the entity retention. Says whether more was left for another pass.
    /// </summary>
    Task<RetentionReport> Run();
}
