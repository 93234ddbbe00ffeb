namespace Hive.Ports;

/// <summary>
/// An alert change a grain committed together with its state and has yet to hand to the <see cref="IAlertSink"/>:
/// the grain's outbox entry. It stays in state until the sink took it, so a failure or a crash between the state
/// write and the call only delays the alert. Sinks treat a repeat as a no-op.
/// </summary>
[GenerateSerializer, Alias("hive.pending-alert.v1")]
public enum PendingAlert
{
    Raise = 1,
    Clear = 2,
}
