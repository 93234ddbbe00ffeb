namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class RevisionWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Revisions_continue_the_log_and_are_visible_once_settled()
    {
        var window = new RevisionWindow(latest: 7);
        Assert.Equal((7L, 7L), (window.Issued, window.Visible));

        Assert.Equal(8, window.Reserve(T0));
        Assert.Equal(7, window.Visible);
        Assert.True(window.Settle(8));
        Assert.Equal(8, window.Visible);
    }

    [Fact]
    public void A_slow_writer_holds_watchers_below_its_revision_until_it_settles()
    {
        var window = new RevisionWindow(0);
        var slow = window.Reserve(T0);
        var fast = window.Reserve(T0);
        var faster = window.Reserve(T0);

        Assert.False(window.Settle(fast));
        Assert.False(window.Settle(faster));
        Assert.Equal(0, window.Visible);

        Assert.True(window.Settle(slow));
        Assert.Equal(3, window.Visible);
    }

    [Fact]
    public void Visible_stops_just_below_the_oldest_pending_revision()
    {
        var window = new RevisionWindow(0);
        var first = window.Reserve(T0);
        var second = window.Reserve(T0);
        window.Reserve(T0);

        Assert.True(window.Settle(first));
        Assert.Equal(1, window.Visible);
        Assert.True(window.Settle(second));
        Assert.Equal(2, window.Visible);
        Assert.Equal(1, window.Pending);
    }

    [Fact]
    public void Settling_an_unknown_or_settled_revision_changes_nothing()
    {
        var window = new RevisionWindow(0);
        var revision = window.Reserve(T0);
        Assert.True(window.Settle(revision));

        Assert.False(window.Settle(revision));
        Assert.False(window.Settle(42));
        Assert.Equal((1L, 1L, 0), (window.Issued, window.Visible, window.Pending));
    }

    [Fact]
    public void Overdue_lists_pending_revisions_past_their_deadline_in_order()
    {
        var window = new RevisionWindow(0);
        window.Reserve(T0.AddSeconds(30));
        window.Reserve(T0.AddSeconds(10));
        window.Reserve(T0.AddSeconds(20));

        Assert.Empty(window.Overdue(T0.AddSeconds(5)));
        Assert.Equal([2L, 3], window.Overdue(T0.AddSeconds(20)));
    }
}
