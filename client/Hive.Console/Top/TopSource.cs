using Hive.Console.Cli;
using Hive.Console.Connection;

namespace Hive.Console.Top;

/// <summary>
/// Reads one frame at a time. A lost hive yields an "unreachable" frame and drops the connection, so the next frame
/// connects afresh: when the silo comes back, the view recovers by itself.
/// </summary>
internal sealed class TopSource(IHiveConnector connector, TimeProvider clock) : IAsyncDisposable
{
    private static readonly HiveTaskStatus[] InFlight = [HiveTaskStatus.Assigned, HiveTaskStatus.InProgress, HiveTaskStatus.AwaitingApproval];
    private static readonly EscalationStatus[] Unresolved = [EscalationStatus.Open, EscalationStatus.Acknowledged, EscalationStatus.Mitigating];
    private HiveConnection? _connection;

    public async Task<TopFrame> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            _connection ??= await connector.ConnectAsync(cancellationToken);
            var hive = _connection.Hive;
            var health = await hive.Health.GetStatusAsync();
            var agents = await Paging.ReadAllAsync((size, token) => hive.Agents.ListAsync(new AgentQuery(PageSize: size, PageToken: token)));
            var tasks = new List<TaskSummary>();
            foreach (var status in InFlight)
                tasks.AddRange((await Paging.ReadAllAsync((size, token) => hive.Tasks.ListAsync(new TaskQuery(status, PageSize: size, PageToken: token)))).Items);
            var escalations = new List<EscalationSummary>();
            foreach (var status in Unresolved)
                escalations.AddRange((await Paging.ReadAllAsync((size, token) => hive.Escalations.ListAsync(new EscalationQuery(status, PageSize: size, PageToken: token)))).Items);
            return new TopFrame(clock.GetUtcNow(), health, agents.Items, [.. tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.Id, StringComparer.Ordinal)],
                [.. escalations.OrderByDescending(e => e.Severity).ThenBy(e => e.RaisedAt)], null);
        }
        catch (Exception e) when (e is HiveUnreachableException || Unreachable.IsConnectionFailure(e))
        {
            await DropAsync();
            return TopFrame.Unreachable(clock.GetUtcNow(), Unreachable.Reason(e));
        }
        catch (HiveException e)
        {
            return TopFrame.Unreachable(clock.GetUtcNow(), $"{e.Code}: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => DropAsync();

    private async ValueTask DropAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null) await connection.DisposeAsync();
    }
}
