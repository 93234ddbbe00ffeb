using Microsoft.Extensions.Options;

namespace Hive.Client;

/// <summary>
/// One line per problem with <c>Hive:Client:Resilience</c>, naming its key. The limits are the retry and circuit-breaker
/// pipeline's own (it refuses a window or break under half a second, or fewer than two calls), said before the client
/// builds it rather than as the pipeline's exception.
/// </summary>
public sealed class HiveResilienceOptionsValidator : IValidateOptions<HiveResilienceOptions>
{
    private const string Section = HiveClientOptions.Section + ":Resilience";
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, HiveResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.MaxRetries is < 0 or > 100) problems.Add($"{Section}:MaxRetries must be 0–100.");
        if (options.RetryBudget < TimeSpan.Zero || options.RetryBudget > Day) problems.Add($"{Section}:RetryBudget must be 0–1 day.");
        if (options.BaseDelay <= TimeSpan.Zero || options.BaseDelay > Day) problems.Add($"{Section}:BaseDelay must be more than 0 and at most 1 day.");
        if (options.BreakerFailureRatio is <= 0 or > 1) problems.Add($"{Section}:BreakerFailureRatio must be more than 0 and at most 1.");
        if (options.BreakerWindow < HalfSecond || options.BreakerWindow > Day) problems.Add($"{Section}:BreakerWindow must be 500 ms–1 day.");
        if (options.BreakerMinimumCalls < 2) problems.Add($"{Section}:BreakerMinimumCalls must be at least 2.");
        if (options.BreakDuration < HalfSecond || options.BreakDuration > Day) problems.Add($"{Section}:BreakDuration must be 500 ms–1 day.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
