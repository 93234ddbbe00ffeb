using Hive.Messaging;

namespace Hive.Chaos;

/// <summary>
/// A sender agent sends messages with unique bodies to a consumer agent, which receives and acks them as they come.
/// Every acknowledged send must turn up under its sequence with its own body: received by the consumer during the
/// run, or still pending at the end. The same sequence with another body would mean the inbox lost the first message
/// and handed its sequence out again. Seeing a message twice is allowed: delivery is at least once.
/// </summary>
public sealed class MessageWriter(HiveClient hive, CallLog log, string runId, int index) : Writer(hive, log, runId, index)
{
    private const int Batch = 100;
    private readonly List<(long Sequence, string Body)> _acked = [];
    private readonly Dictionary<long, HashSet<string>> _received = [];

    private string Sender => Name("sender");
    private string Consumer => Name("consumer");

    protected override IEnumerable<string> Agents => [Sender, Consumer];

    public override CallKind Kind => CallKind.Message;

    public override Task RunAsync(CancellationToken stop) => Task.WhenAll(SendAsync(stop), ConsumeAsync(stop));

    private async Task SendAsync(CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var body = $"{Sender}-{n}";
            try
            {
                var sequence = await Log.TimeAsync(CallKind.Message, () => Hive.Messages.SendAsync(new MessageDraft(Sender, "notice", "chaos", body, To: Consumer)));
                _acked.Add((sequence, body));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await PauseAsync(stop);
            }
        }
    }

    /// <summary>Receives and acks while the load runs; failures only delay it (what stays pending is drained at the end).</summary>
    private async Task ConsumeAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await TakeAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await PauseAsync(stop);
            }
        }
    }

    private async Task<int> TakeAsync(TimeSpan wait)
    {
        var messages = await Hive.Messages.ReceiveAsync(Consumer, Batch, wait);
        foreach (var message in messages)
        {
            if (!_received.TryGetValue(message.Sequence, out var bodies)) _received[message.Sequence] = bodies = new(StringComparer.Ordinal);
            bodies.Add(message.Body);
        }
        if (messages.Count > 0) await Hive.Messages.AckAsync(Consumer, messages.Select(m => m.Sequence));
        return messages.Count;
    }

    public override async Task<Tally> VerifyAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        while (await patiently.ReadAsync(() => TakeAsync(TimeSpan.Zero), cancellationToken) > 0)
        {
            // Drains what is still pending; each pass records it and acks it.
        }
        var lost = _acked.Where(a => !_received.TryGetValue(a.Sequence, out var bodies) || !bodies.Contains(a.Body))
            .Select(a => $"message {a.Body}: acknowledged as sequence {a.Sequence} of {Consumer}, which holds {Describe(a.Sequence)}").ToList();
        return new Tally(_acked.Count, lost.Count, 0, lost);
    }

    private string Describe(long sequence) => _received.TryGetValue(sequence, out var bodies) ? string.Join(", ", bodies) : "nothing";
}
