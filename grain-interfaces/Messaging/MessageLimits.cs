namespace Hive.Messaging;

/// <summary>Bounds on messages and inbox calls; anything beyond them is rejected with a <c>validation</c> error.</summary>
public static class MessageLimits
{
    public const int MaxSubjectLength = 200;

    /// <summary>16 KiB of UTF-8. Larger payloads belong in memory keys; a message can name the key.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>At most this many messages per receive, so one answer stays a few MB at worst.</summary>
    public const int MaxReceiveBatch = 100;

    public const int MaxAckBatch = 1000;

    /// <summary>At most this many drafts per <c>SendMany</c>.</summary>
    public const int MaxSendBatch = 100;

    /// <summary>
    /// The longest a receive waits for a message. It stays below Orleans' default 30 s response timeout,
    /// so a long-poll ends with an empty answer rather than a timeout error.
    /// </summary>
    public static readonly TimeSpan MaxReceiveWait = TimeSpan.FromSeconds(25);
}
