namespace Hive.Tests.Contracts;

/// <summary>What every <see cref="IEntityCatalog"/> must do.</summary>
public abstract class EntityCatalogContract : StoreContract
{
    protected IEntityCatalog Catalog { get; private set; } = null!;

    protected abstract Task<IEntityCatalog> CreateAsync();

    public override async Task InitializeAsync() => Catalog = await CreateAsync();

    protected static CatalogEntry Row(string id, long version = 1, string status = "Ready", EntityKind kind = EntityKind.Agent,
        string? type = null, string? owner = null, string[]? tags = null, string? scope = null, DateTimeOffset? wakeAt = null,
        string? host = null) =>
        new(kind, id, version, status, $"title of {id} v{version}", type, owner, tags ?? [], scope, (int)version, T0, T0.AddSeconds(version), wakeAt, host);

    private async Task<CatalogEntry?> GetAsync(string id, EntityKind kind = EntityKind.Agent) =>
        (await Catalog.QueryAsync(new CatalogQuery(kind, PageSize: Limits.MaxPageSize))).SingleOrDefault(r => r.Id == id);

    [Fact]
    public async Task A_row_comes_back_with_every_field_as_written()
    {
        var wake = T0.AddMinutes(5).ToOffset(TimeSpan.FromHours(2));
        var row = new CatalogEntry(EntityKind.Task, "deploy-1", 7, "InProgress", "Deploy ünïcödé ✓", "deployment", "agent-9",
            ["b-role", "a-role", "b-role"], "queue-1", -3, T0, T0.AddHours(1), wake, "10.0.0.7:11111@532");

        await Catalog.UpsertAsync([row]);

        var read = Assert.Single(await Catalog.QueryAsync(new CatalogQuery(EntityKind.Task)));
        Assert.Equal(row with { Tags = read.Tags }, read);
        Assert.Equal(["b-role", "a-role", "b-role"], read.Tags);
        Assert.Equal(wake, read.WakeAt);

        var bare = Row("bare", kind: EntityKind.Escalation);
        await Catalog.UpsertAsync([bare]);
        var bareRead = Assert.Single(await Catalog.QueryAsync(new CatalogQuery(EntityKind.Escalation)));
        Assert.Equal((null, null, null, null, null), (bareRead.Type, bareRead.Owner, bareRead.Scope, bareRead.WakeAt, bareRead.Host));
        Assert.Empty(bareRead.Tags);
    }

    [Fact]
    public async Task A_row_is_replaced_only_by_a_newer_version()
    {
        await Catalog.UpsertAsync([Row("a1", version: 2, status: "Busy")]);

        await Catalog.UpsertAsync([Row("a1", version: 1, status: "Ready")]);
        Assert.Equal((2L, "Busy"), Versioned(await GetAsync("a1")));

        await Catalog.UpsertAsync([Row("a1", version: 2, status: "Offline")]);
        Assert.Equal((2L, "Busy"), Versioned(await GetAsync("a1")));

        await Catalog.UpsertAsync([Row("a1", version: 3, status: "Offline")]);
        Assert.Equal((3L, "Offline"), Versioned(await GetAsync("a1")));
    }

    [Fact]
    public async Task The_newest_version_wins_within_one_call_and_across_concurrent_calls()
    {
        await Catalog.UpsertAsync([Row("a1", version: 1), Row("a1", version: 3, status: "Busy"), Row("a1", version: 2), Row("a2", version: 1)]);
        Assert.Equal((3L, "Busy"), Versioned(await GetAsync("a1")));

        var versions = Enumerable.Range(1, 60).Select(v => (long)v).OrderBy(_ => Random.Shared.Next()).ToArray();
        await Task.WhenAll(versions.Select(v => Task.Run(() => Catalog.UpsertAsync([Row("hot", version: v, status: $"s{v}")]))));

        Assert.Equal((60L, "s60"), Versioned(await GetAsync("hot")));
    }

    [Fact]
    public async Task Queries_filter_by_each_field_and_keep_kinds_apart()
    {
        await Catalog.UpsertAsync([
            Row("a1", status: "Ready", tags: ["ops", "sec"], owner: "o1"),
            Row("a2", status: "Busy", tags: ["ops"], type: "human"),
            Row("a3", status: "Ready", tags: ["qa"], scope: "ns1"),
            Row("t1", status: "Ready", kind: EntityKind.Task, tags: ["ops"], owner: "o1", scope: "ns1", type: "human"),
        ]);

        Assert.Equal(["a1", "a2", "a3"], await IdsAsync(new CatalogQuery(EntityKind.Agent)));
        Assert.Equal(["a1", "a3"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Status: "Ready")));
        Assert.Equal(["a1", "a2"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Tag: "ops")));
        Assert.Equal(["a2"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Type: "human")));
        Assert.Equal(["a1"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Owner: "o1")));
        Assert.Equal(["a3"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Scope: "ns1", Status: "Ready")));
        Assert.Equal(["a1"], await IdsAsync(new CatalogQuery(EntityKind.Agent, Status: "Ready", Tag: "sec", Owner: "o1")));
        Assert.Empty(await IdsAsync(new CatalogQuery(EntityKind.Agent, Tag: "op")));
        Assert.Equal(["t1"], await IdsAsync(new CatalogQuery(EntityKind.Task, Tag: "ops", Owner: "o1", Scope: "ns1", Type: "human")));
        Assert.Empty(await IdsAsync(new CatalogQuery(EntityKind.MemoryKey)));
    }

    [Fact]
    public async Task Counts_by_status_cover_one_kind_at_its_latest_versions()
    {
        await Catalog.UpsertAsync([Row("a1", status: "Ready"), Row("a2", status: "Ready"), Row("a3", status: "Busy"),
            Row("t1", status: "Ready", kind: EntityKind.Task)]);
        await Catalog.UpsertAsync([Row("a2", version: 2, status: "Offline")]);

        var counts = await Catalog.CountByStatusAsync(EntityKind.Agent);

        Assert.Equal(new Dictionary<string, long> { ["Ready"] = 1, ["Busy"] = 1, ["Offline"] = 1 }, counts.OrderBy(c => c.Key).ToDictionary());
        Assert.Empty(await Catalog.CountByStatusAsync(EntityKind.MemoryKey));
    }

    [Fact]
    public async Task Pages_follow_ordinal_id_order_after_the_given_id()
    {
        string[] ids = ["b", "B-1", "a-10", "a-2", "a/x/1", "a:2", "Z", "0"];
        await Catalog.UpsertAsync(ids.Select(id => Row(id)).ToArray());
        var ordinal = ids.Order(StringComparer.Ordinal).ToArray();

        var pages = new List<string>();
        string? after = null;
        do
        {
            var page = await IdsAsync(new CatalogQuery(EntityKind.Agent, PageSize: 3, AfterId: after));
            Assert.True(page.Length <= 3);
            pages.AddRange(page);
            after = page.Length == 3 ? page[^1] : null;
        }
        while (after is not null);

        Assert.Equal(ordinal, pages);
        Assert.Equal(ordinal.Where(id => string.CompareOrdinal(id, "a-2") > 0), await IdsAsync(new CatalogQuery(EntityKind.Agent, AfterId: "a-2")));
    }

    [Fact]
    public async Task Due_rows_are_those_whose_wake_time_has_come_earliest_first()
    {
        await Catalog.UpsertAsync([
            Row("late", wakeAt: T0.AddMinutes(3)),
            Row("never"),
            Row("early", kind: EntityKind.Task, wakeAt: T0.AddMinutes(1)),
            Row("exact", kind: EntityKind.Escalation, wakeAt: T0.AddMinutes(2)),
            Row("future", wakeAt: T0.AddMinutes(10)),
        ]);

        var now = T0.AddMinutes(3);
        Assert.Equal(["early", "exact", "late"], (await Catalog.DueAsync(now, 10)).Select(r => r.Id));
        Assert.Equal(["early", "exact"], (await Catalog.DueAsync(now, 2)).Select(r => r.Id));
        Assert.Empty(await Catalog.DueAsync(T0, 10));

        await Catalog.UpsertAsync([Row("early", version: 2, kind: EntityKind.Task)]);
        Assert.Equal(["exact", "late"], (await Catalog.DueAsync(now, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Rows_hosted_on_given_silos_are_found_and_a_newer_row_moves_or_clears_the_host()
    {
        await Catalog.UpsertAsync([
            Row("a1", host: "dead-1"),
            Row("a2", host: "dead-2"),
            Row("a3", host: "alive"),
            Row("a4"),
            Row("t1", kind: EntityKind.Task, host: "dead-1"),
        ]);

        Assert.Equal(["a1", "a2", "t1"], (await Catalog.HostedOnAsync(["dead-1", "dead-2"], 10)).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Catalog.HostedOnAsync(["dead-1", "dead-2"], 2)).Count);
        Assert.Empty(await Catalog.HostedOnAsync([], 10));
        Assert.Empty(await Catalog.HostedOnAsync(["nobody"], 10));

        // The woken grain writes a newer row naming its new silo (or none), so it leaves the dead silo's list.
        await Catalog.UpsertAsync([Row("a1", version: 2, host: "alive"), Row("t1", version: 2, kind: EntityKind.Task)]);
        Assert.Equal(["a2"], (await Catalog.HostedOnAsync(["dead-1", "dead-2"], 10)).Select(r => r.Id));
        // An older row cannot move it back.
        await Catalog.UpsertAsync([Row("a1", version: 1, host: "dead-1")]);
        Assert.Equal(["a2"], (await Catalog.HostedOnAsync(["dead-1", "dead-2"], 10)).Select(r => r.Id));
    }

    private async Task<string[]> IdsAsync(CatalogQuery query) => (await Catalog.QueryAsync(query)).Select(r => r.Id).ToArray();

    private static (long, string)? Versioned(CatalogEntry? row) => row is null ? null : (row.Version, row.Status);

    [Fact]
    public async Task Finished_rows_come_back_by_kind_status_and_age_in_id_order_after_a_cursor()
    {
        static CatalogEntry Aged(string id, string status, int minutes, EntityKind kind = EntityKind.Task) =>
            Row(id, status: status, kind: kind) with { UpdatedAt = T0.AddMinutes(minutes) };
        await Catalog.UpsertAsync([
            Aged("t-c", "Completed", 1), Aged("t-a", "Cancelled", 2), Aged("t-b", "Completed", 3), Aged("t-new", "Completed", 30),
            Aged("t-live", "Ready", 1), Aged("t-a", "Completed", 1, EntityKind.Escalation)]);
        string[] finished = ["Completed", "Cancelled"];

        var all = await Catalog.FinishedBeforeAsync(EntityKind.Task, finished, T0.AddMinutes(10), null, 10);
        var first = await Catalog.FinishedBeforeAsync(EntityKind.Task, finished, T0.AddMinutes(10), null, 2);
        var rest = await Catalog.FinishedBeforeAsync(EntityKind.Task, finished, T0.AddMinutes(10), first[^1].Id, 2);

        Assert.Equal(["t-a", "t-b", "t-c"], all.Select(r => r.Id));
        Assert.Equal(["t-a", "t-b"], first.Select(r => r.Id));
        Assert.Equal(["t-c"], rest.Select(r => r.Id));
        Assert.Equal(["t-c"], (await Catalog.FinishedBeforeAsync(EntityKind.Task, ["Completed"], T0.AddMinutes(2), null, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Removed_rows_are_listed_nowhere_and_a_new_row_of_the_same_id_starts_at_any_version()
    {
        await Catalog.UpsertAsync([Row("gone", version: 900), Row("kept"), Row("gone", kind: EntityKind.Task)]);

        await Catalog.RemoveAsync([new CatalogKey(EntityKind.Agent, "gone"), new CatalogKey(EntityKind.Agent, "never-there")]);
        await Catalog.RemoveAsync([new CatalogKey(EntityKind.Agent, "gone")]);

        Assert.Null(await GetAsync("gone"));
        Assert.NotNull(await GetAsync("kept"));
        Assert.NotNull(await GetAsync("gone", EntityKind.Task));
        await Catalog.UpsertAsync([Row("gone", version: 1, status: "Registered")]);
        Assert.Equal((1L, "Registered"), Versioned(await GetAsync("gone")));
    }
}
