using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Security;

/// <summary>How the silo authenticates callers. Bound from <c>Hive:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Hive:Security";

    public SecurityMode Mode { get; set; } = SecurityMode.Enforced;

    /// <summary>Keys given in configuration.</summary>
    public IList<SigningKeyOptions> Keys { get; } = [];

    /// <summary>
    /// A folder of key files (a mounted Kubernetes Secret): <c>&lt;kid&gt;.hs256</c> holds a base64 secret,
    /// <c>&lt;kid&gt;.es256.pem</c> an ECDSA P-256 key. Re-read every <see cref="RefreshInterval"/>, so a key is rotated
    /// by adding the new file, re-issuing credentials, then removing the old file.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>How often each silo re-reads the revocation list and the key folder: the time a revocation or rotation takes.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Security:RefreshInterval must be 10 ms–10 min.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest lifetime a credential may have; a revoked token id is remembered this long.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Hive:Security:MaxTokenLifetime must be 1 min–365 days.")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Where a development silo writes the credentials it made (git-ignored), for the console and Hive.Client.</summary>
    public string DevCredentialsPath { get; set; } = DevCredentialsFile.DefaultPath;

    public const string Issuer = "hive";
    public const string Audience = "hive";
}

/// <summary>Checks the attributes on <see cref="SecurityOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>;
