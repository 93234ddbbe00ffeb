using Hive.Console.Snapshots;

namespace Hive.Tests.Unit;

/// <summary>
/// What an import checks before its first write, with the rules the hive applies to each write it will make and the
/// limits the target hive is configured with: a snapshot that passes here is not refused half way.
/// </summary>
[Trait("Category", "Unit")]
public class SnapshotRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConfiguredLimits Defaults = new(65_536);
    private static readonly string LongText = new('x', Limits.MaxTextLength + 1);

    private static HiveSnapshot Snapshot(IReadOnlyList<AgentRecord>? agents = null, IReadOnlyList<MemoryRecord>? memory = null,
        IReadOnlyList<EscalationRecord>? escalations = null) =>
        new(HiveSnapshot.CurrentFormat, Now, new SnapshotSource([], "hive", "hive"), ["ns"], agents ?? [], [], memory ?? [], escalations ?? []);

    private static MemoryRecord Value(string json, DateTimeOffset? expiresAt = null) => new("ns", "ch", "k", json, "writer-1", 1, Now, expiresAt);

    private static EscalationRecord Escalation(EscalationStatus status, string? resolution = null, string? postMortem = null, string? lastNote = null) =>
        new(new EscalationSpec("e1", Severity.High, "Trouble", "Something broke"), status, Severity.High, 0, resolution, postMortem, "raiser-1", lastNote,
            Now, Now, null);

    private static HiveException Refused(HiveSnapshot snapshot, ConfiguredLimits? limits = null)
    {
        var error = Assert.Throws<HiveException>(() => SnapshotRules.Check(snapshot, limits ?? Defaults, Now));
        Assert.Equal(HiveErrorCodes.Validation, error.Code);
        return error;
    }

    [Fact]
    public void Memory_values_are_held_to_the_size_the_target_hive_is_configured_with_not_the_default()
    {
        var snapshot = Snapshot(memory: [Value("\"" + new string('v', 5_000) + "\"")]);

        SnapshotRules.Check(snapshot, Defaults, Now);
        var error = Refused(snapshot, new ConfiguredLimits(4_096));

        Assert.Contains("at most 4096 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("memory/ns/ch/k", error.Entity);
    }

    [Fact]
    public void A_time_to_live_left_beyond_the_hives_longest_is_refused_and_an_expired_value_is_not_checked()
    {
        SnapshotRules.Check(Snapshot(memory: [Value("1", Now + MemoryLimits.MaxTtl)]), Defaults, Now);
        SnapshotRules.Check(Snapshot(memory: [Value("1", Now - TimeSpan.FromDays(400))]), Defaults, Now);

        var error = Refused(Snapshot(memory: [Value("1", Now + MemoryLimits.MaxTtl + TimeSpan.FromSeconds(1))]));

        Assert.Contains("at most 30 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EscalationStatus.Resolved, "long resolution", "resolution")]
    [InlineData(EscalationStatus.Resolved, "NUL in resolution", "resolution")]
    [InlineData(EscalationStatus.Closed, "long post-mortem", "post-mortem")]
    [InlineData(EscalationStatus.Mitigating, "long note", "mitigation note")]
    [InlineData(EscalationStatus.Acknowledged, "long note", "acknowledgement note")]
    [InlineData(EscalationStatus.Acknowledged, "blank note", "acknowledgement note")]
    public void An_escalation_note_its_replay_would_send_is_held_to_the_rule_of_escalation_notes(EscalationStatus status, string flaw, string field)
    {
        var escalation = flaw switch
        {
            "long resolution" => Escalation(status, resolution: LongText),
            "NUL in resolution" => Escalation(status, resolution: "fixed\0"),
            "long post-mortem" => Escalation(status, resolution: "fixed", postMortem: LongText),
            "long note" => Escalation(status, lastNote: LongText),
            _ => Escalation(status, lastNote: "  "),
        };

        var error = Refused(Snapshot(escalations: [escalation]));

        Assert.Contains("escalation/e1 cannot be imported: its " + field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_within_the_rule_pass_and_an_acknowledgement_may_have_none()
    {
        SnapshotRules.Check(Snapshot(escalations: [Escalation(EscalationStatus.Acknowledged)]), Defaults, Now);
        SnapshotRules.Check(Snapshot(escalations: [Escalation(EscalationStatus.Closed, new string('r', Limits.MaxTextLength), "post-mortem")]), Defaults, Now);
    }

    [Fact]
    public void A_suspended_agent_is_suspended_with_a_reason_the_hive_accepts()
    {
        AgentRecord Suspended(string? reason) =>
            new(new AgentSpec("a1", "Agent", ["builder"]), AgentStatus.Suspended, false, null, reason, Now, null, 0);

        SnapshotRules.Check(Snapshot(agents: [Suspended(null)]), Defaults, Now);
        var error = Refused(Snapshot(agents: [Suspended(LongText)]));

        Assert.Contains("agent/a1 cannot be imported: its suspension reason", error.Message, StringComparison.Ordinal);
    }
}
