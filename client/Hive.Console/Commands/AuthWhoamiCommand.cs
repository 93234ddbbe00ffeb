using Hive.Console.Cli;
using Hive.Console.Connection;
using Hive.Console.Input;
using Hive.Console.Output;
using Hive.Security;

namespace Hive.Console.Commands;

/// <summary>
/// <c>hive auth whoami</c>: what the credential in use claims, read without verifying it (the console holds no keys),
/// then whether the hive accepts it. Exit 6 when the hive refuses it; a hive that cannot be reached is reported, not an error.
/// </summary>
internal static class AuthWhoamiCommand
{
    public static Command Create(CommandRunner runner, TimeProvider clock)
    {
        var json = Options.Json();
        var command = new Command("whoami", "The principal of the credential in use (kind, name, agents, roles, scopes, token id, expiry), "
            + "where it came from, and whether the hive accepts it.") { json }
            .WithExamples("hive auth whoami", "hive auth whoami --token \"$(cat alice.jwt)\" --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var credential = context.Credential;
            var principal = HiveTokens.ReadUnverified(credential.Token);
            var (verdict, accepted) = await VerdictAsync(context, cancellationToken);
            if (context.Get(json))
            {
                context.Out.Json(new
                {
                    source = credential.Source, principal = principal.Id, kind = Names.Of(principal.Kind), principal.Name, principal.Agents,
                    principal.Roles, principal.Scopes, principal.TokenId, principal.ExpiresAt, hive = verdict, accepted,
                });
            }
            else context.Out.Write(Terminal.Fields(Rows(credential, principal, clock.GetUtcNow(), verdict)));
            return accepted == false ? ExitCodes.Unauthenticated : ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<(string, string)> Rows(ConsoleCredential credential, Principal principal, DateTimeOffset now, string verdict)
    {
        yield return ("credential", $"from {credential.Source}");
        yield return ("principal", principal.Id);
        yield return ("kind", Names.Of(principal.Kind));
        yield return ("name", principal.Name);
        yield return ("agents", Formats.List(principal.Agents));
        yield return ("roles", Formats.List(principal.Roles));
        yield return ("scopes", Formats.List(principal.Scopes));
        yield return ("token id", principal.TokenId);
        yield return ("expires", $"{Formats.Time(principal.ExpiresAt)} ({(principal.ExpiresAt > now ? $"in {Formats.Duration(principal.ExpiresAt - now)}" : "expired")})");
        yield return ("hive", verdict);
    }

    /// <summary>A read any accepted principal may attempt; null when the hive was not reached.</summary>
    private static async Task<(string Verdict, bool? Accepted)> VerdictAsync(CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            await (await context.HiveAsync(cancellationToken)).GetLimitsAsync();
            return ("accepts it", true);
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.Forbidden)
        {
            return ($"accepts it (it may not read: {e.Message})", true);
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
        {
            return ($"refuses it: {e.Message}", false);
        }
        catch (Exception e) when (e is HiveUnreachableException || Unreachable.IsConnectionFailure(e))
        {
            return ($"not reached: {Unreachable.Reason(e)}", null);
        }
    }
}
