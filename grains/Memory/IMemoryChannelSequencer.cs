namespace Hive.Memory;

/// <summary>
/// The grain-to-grain side of a memory channel (same grain as <see cref="IMemoryChannelGrain"/>): its keys take a
/// revision before they write and report the outcome after. Internal, so clients cannot reach it.
/// </summary>
internal interface IMemoryChannelSequencer : IGrainWithStringKey
{
    /// <summary>
    /// The next revision of the channel, with no I/O. Watchers see nothing at or above it until it is settled, by
    /// <see cref="Settle"/> or, when its writer goes silent, by the channel itself after <c>Hive:Memory:ReservationTimeout</c>.
    /// </summary>
    [AlwaysInterleave]
    Task<long> Reserve();

    /// <summary>
    /// Reports a reserved revision's write: <paramref name="stored"/> when the change committed with the key's state.
    /// Otherwise the channel takes the revision as a skip in the log (unless a change is there after all), so a late
    /// write of it is refused and the revision stays unused.
    /// </summary>
    [AlwaysInterleave]
    Task Settle(long revision, bool stored);
}
