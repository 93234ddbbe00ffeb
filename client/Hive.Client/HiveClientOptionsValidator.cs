using Hive.Client.Tls;
using Microsoft.Extensions.Options;

namespace Hive.Client;

/// <summary>
/// One line per problem with <c>Hive:Client</c>, each naming its key, before the client dials anything; the <c>Tls</c>
/// and <c>Resilience</c> subsections are checked by their own validators.
/// </summary>
public sealed class HiveClientOptionsValidator : IValidateOptions<HiveClientOptions>
{
    private const string Section = HiveClientOptions.Section;

    public ValidateOptionsResult Validate(string? name, HiveClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!HiveIds.IsValid(options.ClusterId)) problems.Add($"{Section}:ClusterId '{options.ClusterId}' is not a valid id.");
        if (!HiveIds.IsValid(options.CallerId)) problems.Add($"{Section}:CallerId '{options.CallerId}' is not a valid id.");
        if (!HiveIds.IsValid(options.ServiceId)) problems.Add($"{Section}:ServiceId '{options.ServiceId}' is not a valid id.");
        foreach (var gateway in options.StaticGateways.Where(g => HiveClientOptions.SplitGateway(g) is null))
            problems.Add($"{Section}:Gateways entry '{gateway}' must be host:port, for example 127.0.0.1:30000.");
        problems.AddRange(new HiveClientTlsOptionsValidator().Validate(name, options.Tls).Failures ?? []);
        problems.AddRange(new HiveResilienceOptionsValidator().Validate(name, options.Resilience).Failures ?? []);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
