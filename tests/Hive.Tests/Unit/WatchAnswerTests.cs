namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class WatchAnswerTests
{
    private const int Budget = 1000;

    /// <summary>A put whose wire size is <paramref name="bytes"/> by <see cref="WatchAnswer.SizeOf"/>.</summary>
    private static MemoryChange Change(long revision, int bytes = 100)
    {
        var fixedPart = WatchAnswer.FixedBytesPerChange + "k".Length + "a".Length;
        return new(revision, "k", MemoryChangeKind.Put, revision, new string('x', bytes - fixedPart), "a", DateTimeOffset.UnixEpoch);
    }

    /// <summary>The answer's revisions and, after the arrow, the revision to ask from next.</summary>
    private static string Answer(IReadOnlyList<MemoryChange> read, int maxChanges = 100, long visible = 50)
    {
        var answer = WatchAnswer.Of(read, maxChanges, visible, Budget);
        Assert.False(answer.Compacted);
        return $"{string.Join(",", answer.Changes.Select(c => c.Revision))} -> {answer.CurrentRevision}";
    }

    [Fact]
    public void Size_counts_the_texts_as_utf8_and_a_fixed_allowance()
    {
        var change = new MemoryChange(1, "clé", MemoryChangeKind.Put, 1, "\"ü\"", "author", DateTimeOffset.UnixEpoch);
        Assert.Equal(WatchAnswer.FixedBytesPerChange + 4 + 6 + 4, WatchAnswer.SizeOf(change));
        Assert.Equal(WatchAnswer.FixedBytesPerChange + 3 + 6, WatchAnswer.SizeOf(change with { Kind = MemoryChangeKind.Delete, Key = "key", Value = null }));
    }

    [Fact]
    public void Answer_within_the_budget_holds_everything_and_moves_to_the_visible_revision()
    {
        Assert.Equal("3,7,9 -> 50", Answer([Change(3), Change(7), Change(9)]));
        Assert.Equal(" -> 50", Answer([]));
        Assert.Equal(Budget, 10 * WatchAnswer.SizeOf(Change(1)));
        Assert.Equal("1,2,3,4,5,6,7,8,9,10 -> 50", Answer(Enumerable.Range(1, 10).Select(r => Change(r)).ToArray()));
    }

    [Fact]
    public void Answer_over_the_budget_is_cut_and_continues_from_its_last_change()
    {
        Assert.Equal("1,2,3,4,5,6,7,8,9,10 -> 10", Answer(Enumerable.Range(1, 11).Select(r => Change(r)).ToArray()));
        Assert.Equal("1 -> 1", Answer([Change(1, 600), Change(2, 600)]));
    }

    [Fact]
    public void A_change_larger_than_the_budget_goes_out_alone()
    {
        Assert.Equal("4 -> 4", Answer([Change(4, 5 * Budget), Change(5)]));
        Assert.Equal("4 -> 50", Answer([Change(4, 5 * Budget)]));
    }

    [Fact]
    public void Only_visible_revisions_are_shown_and_then_the_answer_is_complete_up_to_them()
    {
        Assert.Equal("3 -> 4", Answer([Change(3), Change(6)], maxChanges: 2, visible: 4));
        Assert.Equal(" -> 4", Answer([Change(6)], maxChanges: 1, visible: 4));
    }

    [Fact]
    public void A_full_read_may_have_more_behind_it_so_the_watcher_continues_from_its_last_change()
    {
        Assert.Equal("3,7 -> 7", Answer([Change(3), Change(7)], maxChanges: 2));
    }
}
