using Hive.Console.Cli;

namespace Hive.Console.Commands;

/// <summary><c>hive auth issue|whoami|revoke</c>: the credentials the hive authenticates callers with.</summary>
internal static class AuthCommand
{
    public static Command Create(CommandRunner runner, TimeProvider clock)
    {
        var command = new Command("auth", "Credentials: issue one with a key you hold, show the one in use, revoke one.")
            .WithExamples(
                "hive auth issue --operator alice --scopes read,halt --ttl 8h --keys-path /etc/hive/keys",
                "hive auth whoami",
                "hive auth revoke 3f2a9c0d5e6b4f7a8c9d0e1f2a3b4c5d");
        command.Subcommands.Add(AuthIssueCommand.Create(runner, clock));
        command.Subcommands.Add(AuthWhoamiCommand.Create(runner, clock));
        command.Subcommands.Add(AuthRevokeCommand.Create(runner));
        return command;
    }
}
