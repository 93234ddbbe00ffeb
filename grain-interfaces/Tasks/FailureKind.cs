namespace Hive.Tasks;

/// <summary>How a failure is classified: transient failures are retried while the retry budget lasts; permanent ones never.</summary>
public enum FailureKind
{
    Transient = 0,
    Permanent = 1,
}
