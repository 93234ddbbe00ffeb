using System.Security.Cryptography;
using System.Text;
using Hive.Security;

namespace Hive.Silo.Http;

/// <summary>
/// Decides whether a request may read the detailed health: its bearer is <c>Hive:Http:AdminToken</c>, or an operator
/// credential holding scope <c>read</c> that the silo verifies as it verifies grain calls (signature, expiry, revocation).
/// The admin token is compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither
/// the position of the first wrong character nor the token's length shows in the response time.
/// </summary>
public sealed class AdminTokenGate
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _digest;
    private readonly CredentialVerifier _credentials;

    public AdminTokenGate(HiveHttpOptions options, CredentialVerifier credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        _digest = string.IsNullOrEmpty(options.AdminToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.AdminToken));
        _credentials = credentials;
    }

    public async ValueTask<bool> AllowsAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Several Authorization headers join with ',' here and so match neither: ambiguity is a refusal.
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var bearer = header[Scheme.Length..].Trim();
        return IsAdminToken(bearer) || await IsReadingOperatorAsync(bearer);
    }

    private bool IsAdminToken(string bearer) =>
        _digest is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)), _digest);

    private async ValueTask<bool> IsReadingOperatorAsync(string bearer)
    {
        try
        {
            return (await _credentials.VerifyAsync(bearer)).HasScope(Scopes.Read);
        }
        catch (HiveException)
        {
            return false;
        }
    }
}
