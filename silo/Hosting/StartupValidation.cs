namespace Hive.Silo.Hosting;

/// <summary>
/// The one check of the silo's settings: every options class registered with
/// <see cref="ValidatedOptions.AddValidatedOptions{TOptions, TValidator}"/> is validated, and each failure becomes one line
/// naming its key, printed the same way and with the same exit code whether it is found before the host is built or after.
/// </summary>
public static class StartupValidation
{
    /// <summary>The silo's exit code for settings it cannot run with.</summary>
    public const int ExitCode = 2;

    /// <summary>Validates every registered option; throws one <see cref="OptionsValidationException"/> holding every failure.</summary>
    public static void Validate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (AggregateException e)
        {
            // Several sections failed: each brought its own exception.
            throw Failures(e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(f => f.Failures));
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert (modes, ports: never a secret).
            throw Failures([e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message]);
        }
    }

    /// <summary>Prints one line per failure and gives the exit code.</summary>
    public static int Report(OptionsValidationException failures, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var failure in failures.Failures) error.WriteLine($"hive: configuration error: {failure}");
        return ExitCode;
    }

    private static OptionsValidationException Failures(IEnumerable<string> failures) => new(Options.DefaultName, typeof(object), failures);
}
