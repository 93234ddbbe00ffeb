namespace Hive.Console.Cli;

/// <summary><c>--limit</c>, <c>--page-token</c> and <c>--all</c> for a listing command.</summary>
internal sealed class Paging
{
    public const int DefaultLimit = 50;

    public Option<int> Limit { get; } = new("--limit")
    {
        Description = $"Rows per page (1–{Common.Limits.MaxPageSize}).",
        DefaultValueFactory = _ => DefaultLimit,
    };

    public Option<string?> PageToken { get; } = new("--page-token") { Description = "Continue after the page that printed this token." };

    public Option<bool> All { get; } = new("--all") { Description = "Read every page." };

    public static Paging AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var paging = new Paging();
        command.Options.Add(paging.Limit);
        command.Options.Add(paging.PageToken);
        command.Options.Add(paging.All);
        return paging;
    }

    /// <summary>One page as asked, or every page with <c>--all</c>.</summary>
    public async Task<Page<T>> ReadAsync<T>(CommandContext context, Func<int, string?, Task<Page<T>>> fetch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fetch);
        var limit = context.Get(Limit);
        var token = context.Get(PageToken);
        if (limit is < 1 or > Common.Limits.MaxPageSize) throw new UsageException($"--limit must be 1–{Common.Limits.MaxPageSize}; got {limit}.");
        if (!context.Get(All)) return await fetch(limit, token);
        if (token is not null) throw new UsageException("--all reads every page; leave out --page-token.");
        return await ReadAllAsync(fetch);
    }

    public static async Task<Page<T>> ReadAllAsync<T>(Func<int, string?, Task<Page<T>>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var items = new List<T>();
        string? token = null;
        do
        {
            var page = await fetch(Common.Limits.MaxPageSize, token);
            items.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);
        return new Page<T>(items, null);
    }
}
