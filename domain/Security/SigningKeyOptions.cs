namespace Hive.Security;

/// <summary>One key the hive accepts credentials signed with (<c>Hive:Security:Keys:N</c>).</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The key id credentials name in their <c>kid</c> header.</summary>
    public string Id { get; set; } = "";

    /// <summary><c>HS256</c> (a shared secret) or <c>ES256</c> (an ECDSA P-256 key).</summary>
    public string Algorithm { get; set; } = SigningAlgorithms.Hs256;

    /// <summary>HS256: the secret, base64, at least 32 bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>ES256: the key in PEM; a public key verifies only, a private key can also sign.</summary>
    public string? Pem { get; set; }
}
