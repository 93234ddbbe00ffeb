using System.Net.Sockets;
using Npgsql;

namespace Hive.Silo.Storage;

/// <summary>Turns a failure to reach PostgreSQL into one line an operator can act on, without secrets or a stack trace.</summary>
public static class PostgresFailure
{
    public static string Describe(Exception error, PostgresTarget target, string setting)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(target);
        return error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"PostgreSQL {target.Display} refused the credentials in {setting}: check the user name and password.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"PostgreSQL {target.Display}: the database does not exist; create it or fix {setting}.",
            PostgresException pg => $"PostgreSQL {target.Display} rejected the silo: {pg.SqlState} {pg.MessageText}",
            SchemaTooNewException tooNew => $"PostgreSQL {target.Display}: {tooNew.Message}",
            _ when Find<SocketException>(error) is { } socket =>
                $"PostgreSQL {target.Display} is unreachable ({socket.SocketErrorCode}); is it running, and is {setting} right?",
            _ when Find<TimeoutException>(error) is not null =>
                $"PostgreSQL {target.Display} did not answer in time; is it running, and is {setting} right?",
            _ => $"PostgreSQL {target.Display} failed: {FirstLine(error.Message)}",
        };
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
            if (error is T found) return found;
        return null;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
