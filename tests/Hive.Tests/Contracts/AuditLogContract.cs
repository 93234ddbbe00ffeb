namespace Hive.Tests.Contracts;

/// <summary>What every <see cref="IAuditLog"/> must do.</summary>
public abstract class AuditLogContract : StoreContract
{
    protected IAuditLog Audit { get; private set; } = null!;

    protected abstract Task<IAuditLog> CreateAsync();

    public override async Task InitializeAsync() => Audit = await CreateAsync();

    protected static AuditEvent Event(int n, string actor = "alice", string entity = "task/t1", string? traceId = null) =>
        new(T0.AddSeconds(n), actor, entity, $"step-{n}", n == 0 ? null : $"s{n - 1}", $"s{n}", $"details {n}", traceId);

    [Fact]
    public async Task Events_come_back_newest_first_with_every_field()
    {
        var full = new AuditEvent(T0.ToOffset(TimeSpan.FromHours(-5)), "bob", "agent/a1", "suspend", "Ready", "Suspended", "ünïcödé ✓ \"quoted\"", "trace-1");
        var bare = new AuditEvent(T0.AddSeconds(1), "hive", "agent/a1", "expire", null, null, null);

        await Audit.AppendAsync([full, bare]);

        var page = await Audit.QueryAsync(new AuditQuery());
        Assert.Equal([bare, full], page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task Filters_match_entity_actor_and_an_inclusive_time_range()
    {
        await Audit.AppendAsync([Event(1), Event(2, actor: "bob"), Event(3, entity: "task/t2"), Event(4, actor: "bob", entity: "task/t2")]);

        Assert.Equal("4,3", Steps(await Audit.QueryAsync(new AuditQuery(Entity: "task/t2"))));
        Assert.Equal("4,2", Steps(await Audit.QueryAsync(new AuditQuery(Actor: "bob"))));
        Assert.Equal("4", Steps(await Audit.QueryAsync(new AuditQuery(Entity: "task/t2", Actor: "bob"))));
        Assert.Equal("3,2", Steps(await Audit.QueryAsync(new AuditQuery(Since: T0.AddSeconds(2), Until: T0.AddSeconds(3)))));
        Assert.Equal("2,1", Steps(await Audit.QueryAsync(new AuditQuery(Until: T0.AddSeconds(2)))));
        Assert.Empty((await Audit.QueryAsync(new AuditQuery(Entity: "task/none"))).Items);
    }

    [Fact]
    public async Task Pages_chain_through_tokens_and_only_a_full_page_has_one()
    {
        await Audit.AppendAsync(Enumerable.Range(1, 7).Select(n => Event(n)).ToArray());
        await Audit.AppendAsync([Event(8, entity: "task/other")]);

        var seen = new List<int>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Audit.QueryAsync(new AuditQuery(Entity: "task/t1", PageSize: 3, PageToken: token));
            seen.AddRange(page.Items.Select(Step));
            token = page.NextPageToken;
            Assert.Equal(page.Items.Count == 3, token is not null);
            pages++;
        }
        while (token is not null);

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
        var exact = await Audit.QueryAsync(new AuditQuery(Entity: "task/t1", PageSize: 7));
        Assert.NotNull(exact.NextPageToken);
        Assert.Empty((await Audit.QueryAsync(new AuditQuery(Entity: "task/t1", PageSize: 7, PageToken: exact.NextPageToken))).Items);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    public async Task A_page_token_this_trail_did_not_issue_is_a_validation_error(string token)
    {
        var error = await Assert.ThrowsAsync<HiveException>(() => Audit.QueryAsync(new AuditQuery(PageToken: token)));
        Assert.Equal(HiveErrorCodes.Validation, error.Code);
    }

    [Fact]
    public async Task Concurrent_appends_keep_each_callers_events_together_in_order()
    {
        const int callers = 40;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() =>
            Audit.AppendAsync(Enumerable.Range(1, 5).Select(n => Event(n, actor: $"caller-{c}")).ToArray()))));

        var all = await Audit.QueryAsync(new AuditQuery(PageSize: Limits.MaxPageSize));
        Assert.Equal(callers * 5, all.Items.Count);
        foreach (var caller in all.Items.GroupBy(e => e.Actor))
            Assert.Equal([5, 4, 3, 2, 1], caller.Select(Step));
        // A caller's events were appended together: nobody else's events sit between them.
        var actors = all.Items.Select(e => e.Actor).ToArray();
        Assert.Equal(callers, actors.Where((a, i) => i == 0 || actors[i - 1] != a).Count());
    }

    /// <summary>The step numbers of a page, newest first, as "4,3".</summary>
    private static string Steps(Page<AuditEvent> page) => string.Join(',', page.Items.Select(Step));

    private static int Step(AuditEvent e) => int.Parse(e.Action["step-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Events_older_than_a_time_come_back_in_sequence_order_with_their_sequences_and_can_be_removed()
    {
        await Audit.AppendAsync([Event(1), Event(5), Event(2), Event(6), Event(3)]);

        var older = await Audit.OlderThanAsync(T0.AddSeconds(4), 10);
        Assert.Equal(["step-1", "step-2", "step-3"], older.Select(r => r.Event.Action).Order());
        Assert.Equal(older.Select(r => r.Sequence).Order(), older.Select(r => r.Sequence));
        Assert.Equal(Event(2), older.Single(r => r.Event.Action == "step-2").Event);
        Assert.Equal(2, (await Audit.OlderThanAsync(T0.AddSeconds(4), 2)).Count);

        await Audit.RemoveAsync([.. older.Select(r => r.Sequence), 999_999]);
        await Audit.RemoveAsync(older.Select(r => r.Sequence).ToArray());

        Assert.Empty(await Audit.OlderThanAsync(T0.AddSeconds(4), 10));
        Assert.Equal("6,5", Steps(await Audit.QueryAsync(new AuditQuery())));
    }
}
