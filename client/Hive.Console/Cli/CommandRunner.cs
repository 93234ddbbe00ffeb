using Hive.Console.Connection;

namespace Hive.Console.Cli;

/// <summary>Runs a command's action and turns every way it can fail into one line on stderr and a stable exit code.</summary>
internal sealed class CommandRunner(CliEnvironment env, GlobalOptions globals)
{
    public void Handle(Command command, Func<CommandContext, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var settings = new Lazy<ConnectionSettings>(() => ConnectionSettingsResolver.Resolve(parse, globals, env));
        await using var context = new CommandContext(parse, env, settings);
        try
        {
            return await action(context, cancellationToken);
        }
        catch (UsageException e)
        {
            return Fail(ExitCodes.Usage, "usage", e.Message);
        }
        catch (HiveException e)
        {
            var entity = e.Entity is null || e.Message.Contains(e.Entity, StringComparison.Ordinal) ? "" : $" ({e.Entity})";
            return Fail(ExitCode(e.Code), e.Code, e.Message + entity);
        }
        catch (HiveUnreachableException e)
        {
            return Fail(ExitCodes.Unreachable, "unreachable", e.Message + Hint);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.Interrupted, "interrupted", "stopped by Ctrl+C.");
        }
        catch (Exception e) when (Unreachable.IsConnectionFailure(e))
        {
            var where = settings.IsValueCreated ? $" at {settings.Value.Describe()}" : "";
            return Fail(ExitCodes.Unreachable, "unreachable", $"Lost the hive{where}: {Unreachable.Reason(e)}{Hint}");
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.Usage, "usage", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail(ExitCodes.Internal, "internal", $"{e.GetType().Name}: {e.Message} (a bug in the console; please report it)");
        }
    }

    private static int ExitCode(string hiveErrorCode) => hiveErrorCode switch
    {
        HiveErrorCodes.NotFound => ExitCodes.NotFound,
        HiveErrorCodes.Unauthenticated => ExitCodes.Unauthenticated,
        HiveErrorCodes.Forbidden => ExitCodes.Forbidden,
        _ => ExitCodes.Rejected,
    };

    private const string Hint = " Is the silo running? Check --gateway, HIVE_GATEWAY or the config file.";

    private int Fail(int exitCode, string code, string message)
    {
        env.Error.MarkupLineInterpolated($"[red]hive: {code}:[/] {message}");
        return exitCode;
    }
}
