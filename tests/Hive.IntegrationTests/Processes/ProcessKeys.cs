using Hive.Tests.Security;

namespace Hive.Tests.Processes;

/// <summary>
/// A key folder (<c>Hive:Security:KeysPath</c>) holding the secure fixture's test key, for silo processes that run with
/// authentication on (a durable silo refuses to start without keys), and credentials signed with it for their clients.
/// Written once per test run into a temporary folder and removed when the run ends.
/// </summary>
public static class ProcessKeys
{
    private static readonly Lazy<string> Folder = new(Write);

    public static string KeysPath => Folder.Value;

    /// <summary>An operator holding every scope, valid for the length of any test run.</summary>
    public static string OperatorToken { get; } = SecureHiveFixture.Token(new TokenGrant(PrincipalKind.Operator, "process-tests", TimeSpan.FromDays(1), Scopes: Scopes.All));

    private static string Write()
    {
        var folder = Directory.CreateTempSubdirectory("hive-test-keys-").FullName;
        File.WriteAllText(Path.Combine(folder, SecureHiveFixture.KeyId + SigningKeyLoader.SecretSuffix), SecureHiveFixture.Secret);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
