using System.Security.Cryptography.X509Certificates;

namespace Hive.Client.Tls;

/// <summary>
/// Decides whether the other end's certificate is trusted: it must chain to one of the configured authorities (or, with
/// none configured, to the system's), and match the expected host name when one is given. Silos reach each other by pod
/// IP, so between silos the chain is the identity; clients may pin the gateway's name with a target host.
/// </summary>
public sealed class PeerTrust(X509Certificate2Collection? authorities, string? hostName)
{
    public bool Accepts(X509Certificate2 certificate, X509Chain? presented)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        }
        // Intermediates the peer sent along (a cert-manager issuer below a root) help build the path; they are not trusted by themselves.
        if (presented is not null)
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        try
        {
            return chain.Build(certificate) && (string.IsNullOrEmpty(hostName) || certificate.MatchesHostname(hostName));
        }
        finally
        {
            foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        }
    }
}
