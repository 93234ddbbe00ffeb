using Hive.Messaging;

namespace Hive.LoadGen.Scenarios;

/// <summary>
/// Messages the way a busy agent moves them: one SendMany of a batch (durable before it returns), one receive of the
/// batch, one ack of all of it, between a pair of agents of the worker's own. Ops/s counts messages delivered and
/// acknowledged end to end; latencies are per batch.
/// </summary>
internal sealed class MessageBatches(HiveTarget target, int batch) : IScenario
{
    public const int DefaultBatch = 20;
    private readonly AgentPairs _pairs = new(target, "bench-batcher", "bs", "br");

    public string Name => $"messages-batch{batch}";

    public string? Baseline => RawUpsert.ScenarioName;

    public IReadOnlyList<string> Steps => ["send", "receive", "ack"];

    public int ItemsPerOperation => batch;

    public Task PrepareAsync(int workers, CancellationToken cancellationToken) => _pairs.RegisterAsync(workers, cancellationToken);

    public async Task RunOnceAsync(int worker, long iteration, StepClock steps)
    {
        var messages = target.Hive.Messages;
        var receiver = _pairs.Receiver(worker);
        var drafts = Enumerable.Range(0, batch).Select(_ => new MessageDraft(_pairs.Sender(worker), "notice", "benchmark", Payload.Json, To: receiver));
        var sent = await messages.SendManyAsync(drafts);
        if (sent.Any(s => s is null)) throw new InvalidOperationException($"Inbox of {receiver} was full.");
        steps.Lap();
        var received = await messages.ReceiveAsync(receiver, batch);
        if (received.Count != batch) throw new InvalidOperationException($"Inbox of {receiver} held {received.Count} of the {batch} messages just sent.");
        steps.Lap();
        await messages.AckAsync(receiver, received.Select(m => m.Sequence));
        steps.Lap();
    }
}
