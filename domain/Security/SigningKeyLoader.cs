using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Hive.Security;

/// <summary>Turns configured keys and key files into <see cref="SigningKey"/>s; every problem is one line naming the setting or file.</summary>
public static class SigningKeyLoader
{
    public const string SecretSuffix = ".hs256";
    public const string PemSuffix = ".es256.pem";

    public static IReadOnlyList<SigningKey> Load(SecurityOptions options)
    {
        var problems = new List<string>();
        var keys = new List<SigningKey>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var where = $"{SecurityOptions.Section}:Keys:{i}";
            if (Parse(key.Id, key.Algorithm, key.Algorithm == SigningAlgorithms.Es256 ? key.Pem : key.Secret, where, problems) is { } parsed) keys.Add(parsed);
        }
        if (!string.IsNullOrWhiteSpace(options.KeysPath)) keys.AddRange(FromFolder(options.KeysPath, problems));
        foreach (var duplicate in keys.GroupBy(k => k.Id).Where(g => g.Count() > 1))
            problems.Add($"Signing key id '{duplicate.Key}' is given {duplicate.Count()} times; each key needs an id of its own.");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        return keys;
    }

    /// <summary>A key from its id, algorithm and material (base64 secret or PEM); null with a problem noted when it is unusable.</summary>
    public static SigningKey? Parse(string id, string algorithm, string? material, string where, List<string> problems)
    {
        if (!HiveIds.IsValid(id))
        {
            problems.Add($"{where}: key id '{id}' must be a valid id (letters, digits, '-', '_', '.').");
            return null;
        }
        if (string.IsNullOrWhiteSpace(material))
        {
            problems.Add($"{where}: key '{id}' has no {(algorithm == SigningAlgorithms.Es256 ? "PEM" : "secret")}.");
            return null;
        }
        switch (algorithm)
        {
            case SigningAlgorithms.Hs256:
                var secret = Base64(material);
                if (secret is not { Length: >= 32 })
                {
                    problems.Add($"{where}: key '{id}' must be a base64 secret of at least 32 bytes.");
                    return null;
                }
                return new SigningKey(id, algorithm, new SymmetricSecurityKey(secret) { KeyId = id }, CanSign: true);
            case SigningAlgorithms.Es256:
                var ecdsa = ECDsa.Create();
                try
                {
                    ecdsa.ImportFromPem(material);
                }
                catch (ArgumentException)
                {
                    problems.Add($"{where}: key '{id}' is not an ECDSA key in PEM.");
                    return null;
                }
                if (ecdsa.KeySize != 256)
                {
                    problems.Add($"{where}: key '{id}' must be a P-256 key; it has {ecdsa.KeySize} bits.");
                    return null;
                }
                var canSign = material.Contains("PRIVATE KEY", StringComparison.Ordinal);
                return new SigningKey(id, algorithm, new ECDsaSecurityKey(ecdsa) { KeyId = id }, canSign);
            default:
                problems.Add($"{where}: key '{id}' has algorithm '{algorithm}'; use {SigningAlgorithms.Hs256} or {SigningAlgorithms.Es256}.");
                return null;
        }
    }

    /// <summary>A fresh random HS256 secret, base64: what a development silo and <c>hive auth new-key</c> make.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static IEnumerable<SigningKey> FromFolder(string folder, List<string> problems)
    {
        if (!Directory.Exists(folder))
        {
            problems.Add($"{SecurityOptions.Section}:KeysPath '{folder}' is not a folder.");
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            // Kubernetes puts its own ..data links and other files beside the keys: only key file names count.
            if (IsKeyFile(file) && FromFile(file, problems) is { } key) yield return key;
        }
    }

    /// <summary>Whether <paramref name="file"/> is named as a key file: <c>&lt;kid&gt;.hs256</c> or <c>&lt;kid&gt;.es256.pem</c>.</summary>
    public static bool IsKeyFile(string file) =>
        file.EndsWith(SecretSuffix, StringComparison.Ordinal) || file.EndsWith(PemSuffix, StringComparison.Ordinal);

    /// <summary>The key in a key file, its id and algorithm taken from the file's name; null with a problem noted when it is unusable.</summary>
    public static SigningKey? FromFile(string file, List<string> problems)
    {
        var name = Path.GetFileName(file);
        var (id, algorithm) = name.EndsWith(PemSuffix, StringComparison.Ordinal) ? (name[..^PemSuffix.Length], SigningAlgorithms.Es256)
            : name.EndsWith(SecretSuffix, StringComparison.Ordinal) ? (name[..^SecretSuffix.Length], SigningAlgorithms.Hs256)
            : (null, null);
        if (id is null)
        {
            problems.Add($"key file {file}: name it <kid>{SecretSuffix} (a base64 secret) or <kid>{PemSuffix} (an ECDSA P-256 key).");
            return null;
        }
        return Parse(id, algorithm!, File.ReadAllText(file).Trim(), $"key file {file}", problems);
    }

    private static byte[]? Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
