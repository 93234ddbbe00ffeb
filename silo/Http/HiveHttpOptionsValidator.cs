using Hive.Client.Tls;
using Hive.Silo.Hosting;

namespace Hive.Silo.Http;

/// <summary>
/// One line per problem with <c>Hive:Http</c>, each naming its key. The drain must fit in the silo's shutdown timeout and
/// https:// URLs may borrow the <c>Hive:Tls</c> certificate, so those two sections are read too.
/// </summary>
public sealed class HiveHttpOptionsValidator(IOptions<HiveSiloOptions> silo, IOptions<HiveTlsOptions> tls) : IValidateOptions<HiveHttpOptions>
{
    private const string Section = HiveHttpOptions.Section;

    public ValidateOptionsResult Validate(string? name, HiveHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(TlsFileProblems.Certificate(Section, options.CertificatePath, options.KeyPath, options.CertificatePassword));
        if (options.UsesHttps && tls.ValidOrNull() is { } siloTls && options.HttpsCertificate(siloTls) is null)
            problems.Add($"{Section}:Urls has an https:// URL but no certificate: set {Section}:CertificatePath (and KeyPath), or enable {HiveTlsOptions.Section} with its certificate.");
        if (options.UrlList.Count == 0) problems.Add($"{Section}:Urls is empty; give at least one URL, for example http://0.0.0.0:8080.");
        foreach (var url in options.UrlList.Where(u => !IsListenUrl(u)))
            problems.Add($"{Section}:Urls entry '{url}' must be an http:// or https:// URL with a host, for example http://0.0.0.0:8080.");
        if (options.AdminToken is { Length: > 0 } token && (token.Length < HiveHttpOptions.MinimumTokenLength || token.Any(char.IsWhiteSpace)))
            problems.Add($"{Section}:AdminToken must be at least {HiveHttpOptions.MinimumTokenLength} characters without spaces (for example `openssl rand -hex 32`).");
        if (silo.ValidOrNull() is { ShutdownTimeout: var shutdownTimeout } && (options.DrainDelay < TimeSpan.Zero || options.DrainDelay >= shutdownTimeout))
            problems.Add($"{Section}:DrainDelay must be at least 0 and shorter than {HiveSiloOptions.Section}:ShutdownTimeout ({shutdownTimeout}); got {options.DrainDelay}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Kestrel's forms: a host or IP, or '*' / '+' for every interface; port 0 picks a free one.</summary>
    private static bool IsListenUrl(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || url[..schemeEnd] is not ("http" or "https")) return false;
        var rest = url[(schemeEnd + 3)..];
        if (rest.StartsWith('*') || rest.StartsWith('+')) rest = "localhost" + rest[1..];
        return Uri.TryCreate($"{url[..schemeEnd]}://{rest}", UriKind.Absolute, out var parsed) && parsed.Host.Length > 0;
    }
}
