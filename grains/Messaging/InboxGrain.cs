using Hive.Health;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Messaging;

/// <summary>
/// One agent's inbox. It has no grain state: the message store is the truth, and the activation keeps the
/// pending messages (at most the capacity) and the last sequence it loaded from there, so losing the activation
/// loses nothing. Deliver and Ack run one at a time; Receive and Size interleave with them and only read, and the
/// receives that wait are capped per inbox and per caller.
/// </summary>
public sealed partial class InboxGrain(IMessageStore store, IOptions<MessagingOptions> options, HiveMetrics metrics, ILogger<InboxGrain> log)
    : Grain, IInboxGrain, IInboxDeliveryGrain
{
    private readonly MessagingOptions _options = options.Value;
    private readonly SortedDictionary<long, Message> _pending = [];
    private long _last;
    private bool _moreInStore;
    private bool _mustReload;
    private TaskCompletionSource _arrived = NewSignal();
    private LongPollWaiters _waiters = null!;

    private string AgentId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private string Entity => GrainKeys.Inbox(AgentId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _waiters = new LongPollWaiters(_options.MaxReceiveWaiters, _options.MaxReceiveWaitersPerCaller, Entity, _options.RetryAfter,
            () => metrics.RateLimited(OperationKind.Read, "waiters"));
        return LoadAsync(cancellationToken);
    }

    public async Task<long> Deliver(Message message) => (await DeliverMany([message]))[0];

    public async Task<IReadOnlyList<long>> DeliverMany(IReadOnlyList<Message> messages)
    {
        if (messages is null || messages.Count is 0 or > MessageLimits.MaxSendBatch)
            throw HiveException.Validation($"Deliver 1–{MessageLimits.MaxSendBatch} messages at a time.", Entity);
        foreach (var message in messages) MessageRules.RequireDeliverable(message, AgentId);
        if (_mustReload) await LoadAsync(CancellationToken.None);
        if (_pending.Count + messages.Count > _options.InboxCapacity || _moreInStore)
        {
            LogInboxFull(log, AgentId, _pending.Count);
            throw Full(messages.Count);
        }
        var first = _last + 1;
        var stamped = messages.Select((m, i) => m with { Sequence = first + i }).ToArray();
        _last += stamped.Length;
        try
        {
            await store.AppendAsync(stamped);
        }
        catch (Exception e)
        {
            // The append may have landed before it failed; the store is re-read before the next write decides.
            _last -= stamped.Length;
            _mustReload = true;
            LogStoreFailed(log, e, "append", AgentId);
            if (e is HiveException) throw;
            throw StoreUnavailable("did not confirm the messages, so they may or may not have been delivered. Send them again; the receiver may then see them twice");
        }
        foreach (var message in stamped)
        {
            _pending.Add(message.Sequence, message);
            metrics.MessageSent();
        }
        SignalArrival();
        return stamped.Select(m => m.Sequence).ToArray();
    }

    public async Task<IReadOnlyList<Message>> Receive(int maxMessages, TimeSpan wait)
    {
        if (maxMessages is < 1 or > MessageLimits.MaxReceiveBatch)
            throw HiveException.Validation($"Receive takes 1–{MessageLimits.MaxReceiveBatch} messages at a time; got {maxMessages}.", Entity);
        if (wait < TimeSpan.Zero) throw HiveException.Validation($"The receive wait cannot be negative; got {wait}.", Entity);
        // Nothing arrived in time ends the long poll with an empty answer, and the receiver asks again.
        if (_pending.Count == 0 && wait > TimeSpan.Zero)
            await _waiters.WaitAsync(RequestCaller.Current, _arrived.Task, wait < MessageLimits.MaxReceiveWait ? wait : MessageLimits.MaxReceiveWait);
        return _pending.Values.Take(maxMessages).ToArray();
    }

    public async Task<int> Ack(IReadOnlyList<long> sequences)
    {
        if (sequences is null || sequences.Count > MessageLimits.MaxAckBatch)
            throw HiveException.Validation($"Ack takes a list of at most {MessageLimits.MaxAckBatch} sequences.", Entity);
        if (_mustReload) await LoadAsync(CancellationToken.None);
        var known = sequences.Distinct().Where(_pending.ContainsKey).ToArray();
        if (known.Length == 0) return 0;
        try
        {
            await store.AckAsync(AgentId, known);
        }
        catch (Exception e) when (e is not HiveException)
        {
            LogStoreFailed(log, e, "ack", AgentId);
            throw StoreUnavailable("did not confirm the ack; the messages stay pending. Ack them again");
        }
        foreach (var sequence in known) _pending.Remove(sequence);
        metrics.MessagesAcked(known.Length);
        // Messages beyond the capacity wait in the store until acks make room for them here.
        if (_moreInStore) await LoadAsync(CancellationToken.None);
        return known.Length;
    }

    public Task<InboxSize> Size() => Task.FromResult(new InboxSize(_pending.Count, _options.InboxCapacity, _last));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var capacity = _options.InboxCapacity;
        var pending = await store.PendingAsync(AgentId, capacity + 1, cancellationToken);
        _last = await store.LastSequenceAsync(AgentId, cancellationToken);
        _pending.Clear();
        foreach (var message in pending.Take(capacity)) _pending.Add(message.Sequence, message);
        // More than the capacity is pending only when the capacity was lowered since those messages were sent.
        _moreInStore = pending.Count > capacity;
        _mustReload = false;
        if (_pending.Count > 0) SignalArrival();
    }

    /// <summary>Wakes every waiting receive; later receives wait on a fresh signal.</summary>
    private void SignalArrival()
    {
        var arrived = _arrived;
        _arrived = NewSignal();
        arrived.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HiveException Full(int arriving) => new(HiveErrorCodes.InboxFull,
        $"The inbox of agent '{AgentId}' is full: {_pending.Count} of {_options.InboxCapacity} messages wait unacked, so "
        + $"{(arriving == 1 ? "another one does" : $"{arriving} more do")} not fit, and nothing was sent. "
        + $"The receiver must receive and ack its messages; send again after {_options.RetryAfter.TotalSeconds:0.###} s.", Entity)
    {
        RetryAfter = _options.RetryAfter,
    };

    private HiveException StoreUnavailable(string what) => new(HiveErrorCodes.StorageUnavailable,
        $"The message store for inbox '{AgentId}' {what}.", Entity)
    {
        RetryAfter = _options.RetryAfter,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox {AgentId} is full with {Pending} pending messages; a send was refused")]
    private static partial void LogInboxFull(ILogger logger, string agentId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message store {Operation} failed for inbox {AgentId}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string operation, string agentId);
}
