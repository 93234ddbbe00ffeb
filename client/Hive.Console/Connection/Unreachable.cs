using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Hive.Console.Connection;

/// <summary>Tells a lost or refused connection (exit 4) apart from an answer the hive gave.</summary>
internal static class Unreachable
{
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        HiveException => false,
        SocketException or TimeoutException or ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException => true,
        OrleansException => true,
        AggregateException a => a.InnerExceptions.Any(IsConnectionFailure),
        _ => e.InnerException is { } inner && IsConnectionFailure(inner),
    };

    /// <summary>The innermost message, which names the cause (connection refused, no gateway…), not the wrapper.</summary>
    public static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        var message = inner.Message.Trim();
        return message.EndsWith('.') ? message : message + ".";
    }
}
