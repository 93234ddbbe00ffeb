namespace Hive.Swarm;

/// <summary>What the sample agents did that the hive does not count for them: messages they got delivered.</summary>
public sealed class SwarmStats
{
    private int _messagesDelivered;

    public int MessagesDelivered => Volatile.Read(ref _messagesDelivered);

    public void Delivered(int count) => Interlocked.Add(ref _messagesDelivered, count);
}
