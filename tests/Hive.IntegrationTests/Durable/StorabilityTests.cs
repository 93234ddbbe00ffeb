namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): text the hive cannot store (NUL, a lone surrogate) is refused with <c>validation</c>
/// before anything is written — no grain state, no catalog row, no audit event, no change of status — and a page
/// token PostgreSQL cannot compare is a typed <c>validation</c> error, not a driver fault.
/// </summary>
[Trait("Category", "Durable")]
[Collection(PostgresClusterCollection.Name)]
public sealed class StorabilityTests(PostgresClusterFixture fixture)
{
    private const string Nul = "\0";
    private const string Operator = "operator:storability";

    [Fact]
    public async Task A_task_titled_with_a_NUL_is_refused_and_nothing_is_stored()
    {
        var id = TaskSteps.NewTaskId();

        await Rejected(() => fixture.Hive.Tasks.CreateAsync(TaskSteps.ForRole(TaskSteps.NewRole(), id) with { Title = "a" + Nul }, TaskSteps.Operator));

        Assert.Equal((0L, 0L, 0L), await StoredAsync("task", id));
    }

    [Fact]
    public async Task Reports_on_a_task_with_a_NUL_leave_its_status_and_audit_trail_as_they_were()
    {
        var id = (await fixture.Hive.CreateForRoleAsync(TaskSteps.NewRole())).Spec.Id;
        var agent = await fixture.Hive.StartedByNewAgentAsync(id);
        var before = await StoredAsync("task", id);

        await Rejected(() => fixture.Hive.Tasks.ReportProgressAsync(id, agent, 50, "half" + Nul));
        await Rejected(() => fixture.Hive.Tasks.CompleteAsync(id, agent, "done" + Nul));
        await Rejected(() => fixture.Hive.Tasks.FailAsync(id, agent, Nul, FailureKind.Permanent));
        await Rejected(() => fixture.Hive.Tasks.CancelAsync(id, TaskSteps.Operator, "stop" + Nul));

        Assert.Equal(before, await StoredAsync("task", id));
        var task = await fixture.Hive.Tasks.GetAsync(id);
        Assert.Equal((HiveTaskStatus.InProgress, 0, null), (task.Status, task.ProgressPercent, task.Result));
    }

    [Fact]
    public async Task An_agent_named_or_suspended_with_a_NUL_is_refused_and_unchanged()
    {
        var unnamed = HiveClusterFixture.NewId("agent");
        await Rejected(() => fixture.Hive.Agents.RegisterAsync(new AgentSpec(unnamed, "Agent" + Nul, ["role"])));
        Assert.Equal((0L, 0L, 0L), await StoredAsync("agent", unnamed));

        var (agent, _) = await AgentTestKit.ReadyAsync(fixture.Hive);
        var before = await StoredAsync("agent", agent);
        await Rejected(() => fixture.Hive.Agents.SuspendAsync(agent, TaskSteps.Operator, "misbehaving" + Nul));

        Assert.Equal(before, await StoredAsync("agent", agent));
        Assert.Equal(AgentStatus.Ready, (await fixture.Hive.Agents.GetAsync(agent)).Status);
    }

    [Fact]
    public async Task An_escalation_with_a_NUL_in_its_title_description_or_a_note_is_refused_and_unchanged()
    {
        var untitled = HiveClusterFixture.NewId("esc");
        await Rejected(() => fixture.Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(untitled, Severity.Low) with { Title = "Down" + Nul }, Operator));
        await Rejected(() => fixture.Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(untitled, Severity.Low) with { Description = Nul }, Operator));
        Assert.Equal((0L, 0L, 0L), await StoredAsync("escalation", untitled));

        var id = (await fixture.Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(HiveClusterFixture.NewId("esc"), Severity.Low), Operator)).Spec.Id;
        var before = await StoredAsync("escalation", id);
        await Rejected(() => fixture.Hive.Escalations.AcknowledgeAsync(id, Operator, "on it" + Nul));
        await Rejected(() => fixture.Hive.Escalations.MitigateAsync(id, Operator, "rolling back" + Nul));

        Assert.Equal(before, await StoredAsync("escalation", id));
        Assert.Equal(EscalationStatus.Open, (await fixture.Hive.Escalations.GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_pin_or_halt_whose_reason_holds_a_NUL_leaves_the_hive_unpinned_and_running()
    {
        try
        {
            await Rejected(() => fixture.Hive.Health.PinAsync(ServiceLevel.Full, Operator, "hold" + Nul));
            await Rejected(() => fixture.Hive.Health.HaltAsync(Operator, "stop" + Nul));

            var status = await fixture.Hive.Health.GetStatusAsync();
            Assert.Equal(((ServiceLevel?)null, false), (status.PinnedLevel, status.Halted));
        }
        finally
        {
            // The health grain is shared by the whole collection: whatever a broken rule let through is undone.
            var status = await fixture.Hive.Health.GetStatusAsync();
            if (status.Halted) await fixture.Hive.Health.ResumeAsync(Operator);
            if (status.PinnedBy == Operator) await fixture.Hive.Health.UnpinAsync(Operator);
        }
    }

    [Fact]
    public async Task A_page_token_or_audit_filter_with_a_NUL_is_a_validation_error()
    {
        await Rejected(() => fixture.Hive.Tasks.ListAsync(new TaskQuery(PageToken: "task" + Nul)));
        await Rejected(() => fixture.Hive.Agents.ListAsync(new AgentQuery(PageToken: Nul)));
        await Rejected(() => fixture.Hive.Escalations.ListAsync(new EscalationQuery(PageToken: "esc" + Nul)));
        await Rejected(() => fixture.Hive.Audit.QueryAsync(new AuditQuery(Entity: "task/" + Nul)));
        await Rejected(() => fixture.Hive.Audit.QueryAsync(new AuditQuery(Actor: Nul)));
    }

    [Fact]
    public async Task Hive_Client_refuses_a_lone_surrogate_and_sends_nothing()
    {
        var id = TaskSteps.NewTaskId();

        var e = await Rejected(() => fixture.Hive.Tasks.CreateAsync(TaskSteps.ForRole(TaskSteps.NewRole(), id) with { Title = "\uD800" }, TaskSteps.Operator));

        Assert.Contains("spec.Title", e.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await StoredAsync("task", id));
    }

    private static Task<HiveException> Rejected(Func<Task> call) => TaskSteps.RejectedAsync(HiveErrorCodes.Validation, call);

    /// <summary>
    /// Read in the database itself: the entity's grain-state version (0: never stored; it grows with every write), its
    /// catalog rows and its audit events.
    /// </summary>
    private async Task<(long StateVersion, long Catalog, long Audit)> StoredAsync(string kind, string id) => (
        await fixture.Database.ScalarAsync<long>(
            $"SELECT coalesce(max(version), 0)::bigint FROM hive_grain_state WHERE service_id = '{PostgresClusterFixture.ServiceId}' AND key_string = '{kind}/{id}'"),
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_catalog WHERE id = '{id}'"),
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_audit WHERE entity = '{kind}/{id}'"));
}
