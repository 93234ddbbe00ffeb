using Hive.Client.Tls;

namespace Hive.Silo.Hosting;

/// <summary>One line per problem with <c>Hive:Tls</c>, each naming its key; the files are loaded as the transport will load them.</summary>
public sealed class HiveTlsOptionsValidator : IValidateOptions<HiveTlsOptions>
{
    private const string Section = HiveTlsOptions.Section;

    public ValidateOptionsResult Validate(string? name, HiveTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            problems.Add($"{Section}:CertificatePath is required when {Section}:Enabled is true (for example /etc/hive/tls/tls.crt with {Section}:KeyPath /etc/hive/tls/tls.key).");
        problems.AddRange(TlsFileProblems.Certificate(Section, options.CertificatePath, options.KeyPath, options.CertificatePassword));
        problems.AddRange(TlsFileProblems.Authorities(Section, options.CaPath));
        if (options.RequireClientCertificate && string.IsNullOrWhiteSpace(options.CaPath))
            problems.Add($"{Section}:RequireClientCertificate needs {Section}:CaPath, the authority client certificates must chain to.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
