namespace Hive.Messaging;

/// <summary>
/// The grain-to-grain side of an inbox (same grain as <see cref="IInboxGrain"/>): a purged agent's inbox goes with it.
/// Internal, so clients cannot reach it.
/// </summary>
internal interface IDroppableInbox : IGrainWithStringKey
{
    /// <summary>
    /// Deletes the inbox's pending messages and its highest sequence from the store and deactivates, so an inbox of the
    /// same agent id later starts empty, from sequence 1. Dropping an inbox that holds nothing changes nothing.
    /// </summary>
    Task Drop();
}
