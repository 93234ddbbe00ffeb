using Hive.Silo.Storage.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class GroupCommitterTests
{
    /// <summary>A batch writer that records batches and can hold the first one until released.</summary>
    private sealed class Writer
    {
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int[]> Batches { get; } = [];
        public bool HoldFirst { get; init; }
        public Func<int, Exception?> Refuse { get; init; } = _ => null;
        public Func<IReadOnlyList<int>, bool> Fail { get; init; } = _ => false;

        /// <summary>Completes once the held first batch is being written.</summary>
        public Task Holding => _holding.Task;

        public void Release() => _release.TrySetResult();

        public async Task<Exception?[]?> WriteAsync(IReadOnlyList<int> batch, CancellationToken cancellationToken)
        {
            bool first;
            lock (Batches)
            {
                first = Batches.Count == 0;
                Batches.Add([.. batch]);
            }
            if (first && HoldFirst)
            {
                _holding.SetResult();
                await _release.Task;
            }
            if (Fail(batch)) throw new InvalidOperationException("the batch failed");
            var refused = batch.Select(Refuse).ToArray();
            return refused.Any(e => e is not null) ? refused : null;
        }
    }

    private static GroupCommitter<int> Committer(Writer writer, int maxBatch = 256, bool enabled = true, TimeSpan linger = default) =>
        new("test", writer.WriteAsync, new GroupCommitOptions { MaxBatch = maxBatch, Enabled = enabled, Linger = linger }, NullLogger.Instance);

    [Fact]
    public async Task Items_queued_while_a_batch_commits_share_the_next_batch()
    {
        var writer = new Writer { HoldFirst = true };
        await using var committer = Committer(writer);

        var first = committer.SubmitAsync(0);
        await writer.Holding;
        var rest = Enumerable.Range(1, 10).Select(i => committer.SubmitAsync(i)).ToArray();
        Assert.False(first.IsCompleted);
        writer.Release();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], writer.Batches);
        Assert.Equal((2L, 11L, 10), (committer.Batches, committer.Items, committer.LargestBatch));
    }

    [Fact]
    public async Task A_failed_batch_fails_every_caller_in_it_and_the_next_batch_still_commits()
    {
        var writer = new Writer { HoldFirst = true, Fail = batch => batch.Contains(99) };
        await using var committer = Committer(writer);
        var first = committer.SubmitAsync(0);
        await writer.Holding;
        int[] items = [1, 99, 2];
        var doomed = items.Select(i => committer.SubmitAsync(i)).ToArray();
        writer.Release();

        await first;
        var errors = await Task.WhenAll(doomed.Select(t => Assert.ThrowsAsync<InvalidOperationException>(() => t)));
        Assert.All(errors, e => Assert.Same(errors[0], e));

        await committer.SubmitAsync(3);
        Assert.Equal([[0], [1, 99, 2], [3]], writer.Batches);
    }

    [Fact]
    public async Task An_item_refused_alone_fails_only_its_caller()
    {
        var writer = new Writer { HoldFirst = true, Refuse = i => i % 2 == 1 ? new InvalidOperationException($"item {i} is stale") : null };
        await using var committer = Committer(writer);
        var first = committer.SubmitAsync(0);
        await writer.Holding;
        var batch = Enumerable.Range(1, 4).Select(i => committer.SubmitAsync(i)).ToArray();
        writer.Release();

        await first;
        Assert.Equal("item 1 is stale", (await Assert.ThrowsAsync<InvalidOperationException>(() => batch[0])).Message);
        await batch[1];
        Assert.Equal("item 3 is stale", (await Assert.ThrowsAsync<InvalidOperationException>(() => batch[2])).Message);
        await batch[3];
        Assert.Equal(2, writer.Batches.Count);
    }

    [Fact]
    public async Task A_long_queue_is_written_in_batches_of_at_most_the_maximum()
    {
        var writer = new Writer { HoldFirst = true };
        await using var committer = Committer(writer, maxBatch: 4);
        var first = committer.SubmitAsync(0);
        await writer.Holding;
        var rest = Enumerable.Range(1, 10).Select(i => committer.SubmitAsync(i)).ToArray();
        writer.Release();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10]], writer.Batches);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_queued_is_not_written()
    {
        var writer = new Writer { HoldFirst = true };
        await using var committer = Committer(writer);
        var first = committer.SubmitAsync(0);
        await writer.Holding;
        using var giveUp = new CancellationTokenSource();
        var abandoned = committer.SubmitAsync(1, giveUp.Token);
        var kept = committer.SubmitAsync(2);
        await giveUp.CancelAsync();
        writer.Release();

        await Task.WhenAll(first, kept);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal([[0], [2]], writer.Batches);
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_and_then_refuses_new_items()
    {
        var writer = new Writer { HoldFirst = true };
        var committer = Committer(writer);
        var first = committer.SubmitAsync(0);
        await writer.Holding;
        var queued = committer.SubmitAsync(1);

        var disposing = committer.DisposeAsync().AsTask();
        writer.Release();
        await disposing;

        Assert.True(first.IsCompletedSuccessfully && queued.IsCompletedSuccessfully);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => committer.SubmitAsync(2));
    }

    [Fact]
    public async Task Without_group_commit_every_call_writes_alone()
    {
        var writer = new Writer { Refuse = i => i == 3 ? new InvalidOperationException("stale") : null };
        await using var committer = Committer(writer, enabled: false);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => committer.SubmitAsync(i)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => committer.SubmitAsync(3));

        Assert.All(writer.Batches, b => Assert.Single(b));
        Assert.Equal(4L, committer.Batches);
    }

    [Fact]
    public async Task With_a_linger_callers_arriving_together_share_the_first_batch()
    {
        var writer = new Writer();
        await using var committer = Committer(writer, linger: TimeSpan.FromMilliseconds(100));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => committer.SubmitAsync(i)));

        Assert.Equal([[0, 1, 2, 3, 4]], writer.Batches);
    }
}
