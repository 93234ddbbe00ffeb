using Hive.Security;

namespace Hive.Client;

/// <summary>
/// The credential Hive.Client attaches to every call. A token file is re-read when it changes (checked at most once a
/// second), so a rotated or renewed credential (a refreshed Kubernetes Secret, a new development silo) takes effect
/// without restarting the service.
/// </summary>
public sealed class HiveCredential
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly string? _fixed;
    private readonly string? _path;
    private readonly Func<string, string?>? _read;
    private readonly Lock _gate = new();
    private string? _current;
    private DateTime _fileWritten;
    private long _checkedAt;

    private HiveCredential(string? token, string? path, Func<string, string?>? read) => (_fixed, _path, _read) = (token, path, read);

    /// <summary>No credential: only a hive running with <c>Hive:Security:Mode=Open</c> accepts the calls.</summary>
    public static HiveCredential None { get; } = new(null, null, null);

    public static HiveCredential Token(string token) => new(token, null, null);

    /// <summary>A file holding the token alone (a mounted Secret); surrounding white space is ignored.</summary>
    public static HiveCredential File(string path) => new(null, path, static text => text.Trim());

    /// <summary>One token (<c>operator</c> or <c>swarm</c>) of a development silo's credentials file.</summary>
    public static HiveCredential DevFile(string path, string which) => new(null, path, text => Pick(text, which));

    /// <summary>
    /// From <see cref="HiveClientOptions.Token"/>, else <see cref="HiveClientOptions.TokenFile"/>, else the credentials a
    /// development silo wrote in this folder or one above it (<see cref="DevCredentialsFile"/>), else none.
    /// </summary>
    public static HiveCredential From(HiveClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Token)) return Token(options.Token.Trim());
        if (!string.IsNullOrWhiteSpace(options.TokenFile)) return File(options.TokenFile);
        return DevCredentialsFile.Find(Directory.GetCurrentDirectory()) is { } dev ? DevFile(dev, options.DevCredential) : None;
    }

    /// <summary>The token to send now; null when there is none (or its file cannot be read).</summary>
    public string? Current
    {
        get
        {
            if (_path is null) return _fixed;
            var now = Environment.TickCount64;
            if (now - Volatile.Read(ref _checkedAt) < CheckEvery.TotalMilliseconds && _current is not null) return _current;
            lock (_gate)
            {
                _checkedAt = now;
                try
                {
                    var written = System.IO.File.GetLastWriteTimeUtc(_path);
                    if (written != _fileWritten || _current is null)
                    {
                        _current = _read!(System.IO.File.ReadAllText(_path));
                        _fileWritten = written;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Keep the last token read: a Secret being swapped disappears for a moment.
                }
                return _current;
            }
        }
    }

    private static string? Pick(string json, string which)
    {
        var file = DevCredentialsFile.Parse(json);
        return which == "swarm" ? file?.Swarm : file?.Operator;
    }
}
