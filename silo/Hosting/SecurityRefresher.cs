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
        _folderSeen = Fingerprint();
        using var ticks = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                var snapshot = await feed.Since(revoked.Version);
                revoked.Update(snapshot.Version, snapshot.TokenIds);
                ReloadKeysIfChanged();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(log, e.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    private void ReloadKeysIfChanged()
    {
        var seen = Fingerprint();
        if (seen == _folderSeen) return;
        keys.Replace(SigningKeyLoader.Load(options.Value));
        _folderSeen = seen;
        var ids = string.Join(", ", keys.Keys.Select(k => k.Id));
        LogKeysReloaded(log, ids);
    }

    /// <summary>The key files' names and write times: a change means a rotation step.</summary>
    private string Fingerprint() => string.IsNullOrWhiteSpace(options.Value.KeysPath) || !Directory.Exists(options.Value.KeysPath)
        ? ""
        : string.Join("|", Directory.EnumerateFiles(options.Value.KeysPath).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}@{File.GetLastWriteTimeUtc(f).Ticks}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the revocation list or keys: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys reloaded: {Ids}")]
    private static partial void LogKeysReloaded(ILogger logger, string ids);
}
