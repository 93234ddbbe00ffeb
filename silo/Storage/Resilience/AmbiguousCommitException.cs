namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// The connection failed while a commit was in flight, so the transaction may or may not have committed.
/// A write that is not idempotent must not be retried after this: the retry could write it twice.
/// </summary>
public sealed class AmbiguousCommitException : Exception
{
    public AmbiguousCommitException() : this("The commit was not confirmed.") { }

    public AmbiguousCommitException(string message) : base(message) { }

    public AmbiguousCommitException(string message, Exception innerException) : base(message, innerException) { }
}
