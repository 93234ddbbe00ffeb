using Microsoft.IdentityModel.Tokens;

namespace Hive.Security;

/// <summary>A key the hive verifies credentials with; <see cref="CanSign"/> when it holds the secret or private part too.</summary>
public sealed record SigningKey(string Id, string Algorithm, SecurityKey Key, bool CanSign)
{
    public string SecurityAlgorithm => Algorithm == SigningAlgorithms.Es256 ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.HmacSha256;
}
