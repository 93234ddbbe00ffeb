using Hive.Security;

namespace Hive.Silo.Hosting;

/// <summary>
/// Keeps this silo's revocation list and key ring current: every <see cref="SecurityOptions.RefreshInterval"/> it reads the
/// hive's revocation list and, when the key folder changed, its keys. A revocation or a rotation therefore reaches every
/// silo within one interval (plus one grain call).
/// </summary>
public sealed partial class SecurityRefresher(
    IGrainFactory grains, RevokedTokens revoked, KeyRing keys, IOptions<SecurityOptions> options, ILogger<SecurityRefresher> log) : BackgroundService
{
    private string _folderSeen = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Mode == SecurityMode.Open) return;
        var feed = grains.GetGrain<IRevocationFeed>(0);
        // Not the folder as it is now: the ring was loaded when the container was built, and a key added since then (while
        // the silo started) would otherwise count as seen and never be loaded. The first tick reads the folder again.
        _folderSeen = "";
        using var ticks = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            // Apart, so a revocation list out of reach (its grain's storage down, a slow call) does not hold up a rotation.
            try
            {
                var snapshot = await feed.Since(revoked.Version);
                revoked.Update(snapshot.Version, snapshot.TokenIds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(log, "revocation list", e.Message);
            }
            try
            {
                ReloadKeysIfChanged();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(log, "key folder", e.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    private void ReloadKeysIfChanged()
    {
        var seen = Fingerprint();
        if (seen == _folderSeen) return;
        var before = string.Join(", ", keys.Keys.Select(k => k.Id));
        var first = _folderSeen.Length == 0;
        keys.Replace(SigningKeyLoader.Load(options.Value));
        _folderSeen = seen;
        var ids = string.Join(", ", keys.Keys.Select(k => k.Id));
        if (!first || ids != before) LogKeysReloaded(log, ids);
    }

    /// <summary>The key files' names and write times: a change means a rotation step.</summary>
    private string Fingerprint() => string.IsNullOrWhiteSpace(options.Value.KeysPath) || !Directory.Exists(options.Value.KeysPath)
        ? ""
        : string.Join("|", Directory.EnumerateFiles(options.Value.KeysPath).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}@{File.GetLastWriteTimeUtc(f).Ticks}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the {What}: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys reloaded: {Ids}")]
    private static partial void LogKeysReloaded(ILogger logger, string ids);
}
