using Hive.Messaging;

namespace Hive.LoadGen.Scenarios;

/// <summary>
/// One message end to end per operation: send (durable before it returns) → receive → ack, between a pair of agents
/// of the worker's own. Ops/s is messages/s delivered and acknowledged.
/// </summary>
internal sealed class Messages(HiveTarget target) : IScenario
{
    private readonly AgentPairs _pairs = new(target, "bench-messenger", "ms", "mr");

    public string Name => "messages";

    public string? Baseline => RawUpsert.ScenarioName;

    public IReadOnlyList<string> Steps => ["send", "receive", "ack"];

    public Task PrepareAsync(int workers, CancellationToken cancellationToken) => _pairs.RegisterAsync(workers, cancellationToken);

    public async Task RunOnceAsync(int worker, long iteration, StepClock steps)
    {
        var messages = target.Hive.Messages;
        var receiver = _pairs.Receiver(worker);
        await messages.SendAsync(new MessageDraft(_pairs.Sender(worker), "notice", "benchmark", Payload.Json, To: receiver));
        steps.Lap();
        var received = await messages.ReceiveAsync(receiver, 10);
        if (received.Count == 0) throw new InvalidOperationException($"Inbox of {receiver} was empty right after a send returned.");
        steps.Lap();
        await messages.AckAsync(receiver, received.Select(m => m.Sequence));
        steps.Lap();
    }
}
