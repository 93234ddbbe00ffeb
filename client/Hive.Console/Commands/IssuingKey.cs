using Hive.Console.Cli;
using Hive.Security;

namespace Hive.Console.Commands;

/// <summary>The key <c>hive auth issue</c> signs with: a key file, else the key a silo would sign with from a key folder.</summary>
internal static class IssuingKey
{
    public const string KeysPathVariable = "HIVE_KEYS_PATH";

    /// <summary>Every problem (no key given, a file that is not a key, a key that only verifies) is a usage error naming the file.</summary>
    public static SigningKey Load(string? keyFile, string? keysPath)
    {
        try
        {
            var key = keyFile is not null ? FromFile(keyFile)
                : keysPath is not null ? FromFolder(keysPath)
                : throw new UsageException($"No key to sign with: pass --key-file or --keys-path, or set {KeysPathVariable}.");
            return key.CanSign ? key : throw new UsageException($"Key '{key.Id}' is a public key: it verifies but cannot sign; use its private key.");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            throw new UsageException(e.Message.ReplaceLineEndings("; "), e);
        }
    }

    private static SigningKey FromFile(string file)
    {
        var problems = new List<string>();
        return SigningKeyLoader.FromFile(file, problems) ?? throw new UsageException(string.Join("; ", problems));
    }

    /// <summary>The newest key of the folder that can sign, as a silo reading the same folder would choose.</summary>
    private static SigningKey FromFolder(string folder)
    {
        var ring = new KeyRing();
        ring.Replace(SigningKeyLoader.Load(new SecurityOptions { KeysPath = folder }));
        return ring.Signer ?? (ring.Keys.Count > 0 ? ring.Keys[^1] : throw new UsageException($"The key folder '{folder}' holds no key file (<kid>.hs256 or <kid>.es256.pem)."));
    }
}
