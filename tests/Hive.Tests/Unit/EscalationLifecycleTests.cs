using static Hive.Escalations.EscalationStatus;
using static Hive.Escalations.EscalationTrigger;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class EscalationLifecycleTests
{
    private static readonly (EscalationStatus From, EscalationTrigger Trigger, EscalationStatus To)[] Allowed =
    [
        (Open, Acknowledge, Acknowledged),
        (Open, Mitigate, Mitigating),
        (Acknowledged, Mitigate, Mitigating),
        (Open, Resolve, Resolved),
        (Acknowledged, Resolve, Resolved),
        (Mitigating, Resolve, Resolved),
        (Resolved, Close, Closed),
        (Resolved, Reopen, Open),
        (Closed, Reopen, Open),
    ];

    public static TheoryData<EscalationStatus, EscalationTrigger, EscalationStatus> AllowedRows()
    {
        var data = new TheoryData<EscalationStatus, EscalationTrigger, EscalationStatus>();
        foreach (var (from, trigger, to) in Allowed) data.Add(from, trigger, to);
        return data;
    }

    public static TheoryData<EscalationStatus, EscalationTrigger> DeniedPairs()
    {
        var data = new TheoryData<EscalationStatus, EscalationTrigger>();
        foreach (var from in Enum.GetValues<EscalationStatus>())
        {
            foreach (var trigger in Enum.GetValues<EscalationTrigger>())
            {
                if (!Allowed.Any(a => a.From == from && a.Trigger == trigger)) data.Add(from, trigger);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(AllowedRows))]
    public void Allowed_transition_lands_on_its_target(EscalationStatus from, EscalationTrigger trigger, EscalationStatus to)
    {
        var t = EscalationLifecycle.Transition(from, trigger);
        Assert.True(t.Allowed);
        Assert.Equal(to, t.To);
    }

    [Theory, MemberData(nameof(DeniedPairs))]
    public void Every_other_transition_is_denied_with_a_reason(EscalationStatus from, EscalationTrigger trigger)
    {
        var t = EscalationLifecycle.Transition(from, trigger);
        Assert.False(t.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(t.Error));
    }

    [Fact]
    public void Acknowledging_a_closed_escalation_says_why()
    {
        var t = EscalationLifecycle.Transition(Closed, Acknowledge);
        Assert.Contains("Closed", t.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.Low, Severity.Medium)]
    [InlineData(Severity.Medium, Severity.High)]
    [InlineData(Severity.High, Severity.Critical)]
    [InlineData(Severity.Critical, Severity.Critical)]
    public void Missed_deadline_raises_severity_one_tier(Severity from, Severity to) =>
        Assert.Equal(to, EscalationLifecycle.RaiseTier(from));

    [Fact]
    public void Only_an_open_escalation_waits_for_acknowledgement() =>
        Assert.Equal([Open], Enum.GetValues<EscalationStatus>().Where(EscalationLifecycle.AwaitsAcknowledgement));

    [Fact]
    public void Raised_escalation_starts_open_awaiting_acknowledgement()
    {
        Assert.Equal(Open, EscalationLifecycle.Initial);
        Assert.True(EscalationLifecycle.AwaitsAcknowledgement(EscalationLifecycle.Initial));
    }

    [Theory]
    [InlineData(Resolved)]
    [InlineData(Closed)]
    public void Reopened_escalation_starts_again_where_a_raised_one_does(EscalationStatus from) =>
        Assert.Equal(EscalationLifecycle.Initial, EscalationLifecycle.Transition(from, Reopen).To);

    [Fact]
    public void Raising_again_never_reopens_an_escalation_still_awaiting_acknowledgement() =>
        Assert.All(Enum.GetValues<EscalationStatus>().Where(s => EscalationLifecycle.Transition(s, Reopen).Allowed),
            s => Assert.False(EscalationLifecycle.AwaitsAcknowledgement(s)));

    [Fact]
    public void Every_status_and_trigger_appears_in_the_table()
    {
        Assert.All(Enum.GetValues<EscalationTrigger>(), t => Assert.Contains(Allowed, a => a.Trigger == t));
        Assert.All(Enum.GetValues<EscalationStatus>(), s => Assert.Contains(Allowed, a => a.From == s || a.To == s));
    }
}
