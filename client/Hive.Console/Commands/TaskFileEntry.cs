using Hive.Console.Input;

namespace Hive.Console.Commands;

/// <summary>One task as a file writes it: the fields of <see cref="TaskSpec"/>, with the time budget as text (<c>10m</c>).</summary>
internal sealed record TaskFileEntry(
    string? Id,
    string? Title,
    string? Type,
    string? Description = null,
    int? Priority = null,
    string? PrimaryRole = null,
    string? PrimaryAgent = null,
    IReadOnlyList<string>? SupportingAgents = null,
    IReadOnlyList<string>? Prerequisites = null,
    IReadOnlyList<string>? RequiredApprovals = null,
    string? TimeBudget = null,
    int? MaxAttempts = null,
    IReadOnlyList<string>? Reads = null,
    IReadOnlyList<string>? Writes = null)
{
    public TaskSpec ToSpec(string source)
    {
        var where = $"{source}: task '{Id ?? "(no id)"}'";
        TimeSpan? budget = null;
        if (TimeBudget is not null)
        {
            budget = Durations.TryParse(TimeBudget, out var parsed)
                ? parsed
                : throw new Cli.UsageException($"{where}: timeBudget '{TimeBudget}' is not a duration; write 10m, 1h30m or hh:mm:ss.");
        }
        return new TaskSpec(
            Id ?? throw new Cli.UsageException($"{where} has no id."),
            Title ?? throw new Cli.UsageException($"{where} has no title."),
            Type ?? throw new Cli.UsageException($"{where} has no type."),
            Description, Priority ?? TaskSpec.DefaultPriority, PrimaryRole, PrimaryAgent, SupportingAgents, Prerequisites,
            RequiredApprovals, budget, MaxAttempts ?? TaskSpec.DefaultMaxAttempts, Reads, Writes);
    }
}
