using System.Security.Cryptography;
using System.Text;

namespace Hive.Silo.Http;

/// <summary>
/// Decides whether a request carries <c>Authorization: Bearer &lt;Hive:Http:AdminToken&gt;</c>. Both sides are hashed
/// (SHA-256 of their UTF-8 bytes) and the digests compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so
/// neither the position of the first wrong character nor the token's length shows in the response time.
/// With no token configured, nothing is allowed.
/// </summary>
public sealed class AdminTokenGate
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _digest;

    public AdminTokenGate(HiveHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _digest = string.IsNullOrEmpty(options.AdminToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.AdminToken));
    }

    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_digest is null) return false;
        // Several Authorization headers join with ',' here and so never match: ambiguity is a refusal.
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _digest);
    }
}
