using System.Globalization;
using Hive.Console.Cli;
using Hive.Security;

namespace Hive.Console.Commands;

/// <summary><c>hive auth revoke</c>: every silo refuses the credential from its next refresh (about two seconds).</summary>
internal static class AuthRevokeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("token-id") { Description = "The credential's token id (its jti, as 'hive auth whoami' prints it), or the credential itself." };
        var until = new Option<DateTimeOffset?>("--until")
        {
            Description = "Remember the revocation until then, the credential's expiry (ISO 8601 such as 2026-01-01T10:00Z). "
                + "Default: the expiry of a credential given whole, else the longest lifetime the hive allows.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
                result.AddError($"'{text}' is not a time; write ISO 8601 such as 2026-01-01T10:00Z.");
                return null;
            },
        };
        var command = new Command("revoke", "Revoke a credential: the hive refuses it everywhere within seconds. Needs an operator credential with scope 'tokens'.")
            { id, until }
            .WithExamples("hive auth revoke 3f2a9c0d5e6b4f7a8c9d0e1f2a3b4c5d", "hive auth revoke 3f2a9c0d5e6b4f7a8c9d0e1f2a3b4c5d --until 2026-01-01T10:00Z");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var (tokenId, expiresAt) = Target(context.Required(id));
            var actor = Principal.OperatorPrefix + HiveTokens.ReadUnverified(context.Credential.Token).Name;
            var hive = await context.HiveAsync(cancellationToken);
            await hive.RevokeCredentialAsync(tokenId, context.Get(until) ?? expiresAt, actor);
            context.Out.Line($"credential {tokenId} revoked by {actor}; every silo refuses it within seconds.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A whole credential (three dot-separated parts) names its own token id and expiry.</summary>
    private static (string TokenId, DateTimeOffset? ExpiresAt) Target(string given)
    {
        if (!given.Contains('.', StringComparison.Ordinal)) return (given.Trim(), null);
        var principal = HiveTokens.ReadUnverified(given.Trim());
        return (principal.TokenId, principal.ExpiresAt);
    }
}
