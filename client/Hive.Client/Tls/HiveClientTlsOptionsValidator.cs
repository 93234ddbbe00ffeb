using Microsoft.Extensions.Options;

namespace Hive.Client.Tls;

/// <summary>One line per problem with <c>Hive:Client:Tls</c>, each naming its key.</summary>
public sealed class HiveClientTlsOptionsValidator : IValidateOptions<HiveClientTlsOptions>
{
    private const string Section = HiveClientTlsOptions.Section;

    public ValidateOptionsResult Validate(string? name, HiveClientTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!options.Enabled)
        {
            // Files given but TLS off would send credentials in clear while the operator believes otherwise.
            if (new[] { options.CaPath, options.CertificatePath, options.TargetHost }.Any(v => !string.IsNullOrWhiteSpace(v)))
                problems.Add($"{Section}:CaPath, CertificatePath or TargetHost is set but {Section}:Enabled is false; set {Section}:Enabled=true.");
        }
        else
        {
            problems.AddRange(TlsFileProblems.Authorities(Section, options.CaPath));
            problems.AddRange(TlsFileProblems.Certificate(Section, options.CertificatePath, options.KeyPath, options.CertificatePassword));
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
