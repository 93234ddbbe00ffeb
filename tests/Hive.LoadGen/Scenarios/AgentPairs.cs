namespace Hive.LoadGen.Scenarios;

/// <summary>
/// One sender and one receiver per worker, registered (and kept beating) before the worker runs; a later, larger
/// concurrency registers only the pairs it adds.
/// </summary>
internal sealed class AgentPairs(HiveTarget target, string role, string senderKind, string receiverKind)
{
    private int _registered;

    public string Sender(int worker) => target.Id(senderKind, worker);

    public string Receiver(int worker) => target.Id(receiverKind, worker);

    public async Task RegisterAsync(int workers, CancellationToken cancellationToken)
    {
        var missing = Enumerable.Range(_registered, Math.Max(0, workers - _registered))
            .SelectMany(w => new[] { Sender(w), Receiver(w) }).ToArray();
        await target.RegisterAsync(missing, role, cancellationToken);
        _registered = Math.Max(_registered, workers);
    }
}
