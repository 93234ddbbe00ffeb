namespace Hive.Security;

/// <summary>The two signatures Hive accepts; nothing else (no <c>none</c>, no RSA) is ever taken.</summary>
public static class SigningAlgorithms
{
    public const string Hs256 = "HS256";
    public const string Es256 = "ES256";
}
