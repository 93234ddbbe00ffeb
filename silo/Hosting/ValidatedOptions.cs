namespace Hive.Silo.Hosting;

/// <summary>How every Hive options class is registered: bound from its section, checked by its validator before the silo starts.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and checks it at start with <typeparamref name="TValidator"/>
    /// (generated from the class' attributes, or hand-written for rules across fields); <paramref name="validatorArguments"/> are
    /// what the validator needs beyond services.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section,
        params object[] validatorArguments)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new KeyFirst<TOptions>(ActivatorUtilities.CreateInstance<TValidator>(sp, validatorArguments)));
        return services;
    }

    /// <summary>
    /// Another section's settings, for a rule that spans two sections; null while that section is invalid itself, since
    /// its own lines already say why.
    /// </summary>
    public static TOptions? ValidOrNull<TOptions>(this IOptions<TOptions> options) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.Value;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Generated validators put the member before each failure ("MaxBatch: Hive:Storage:GroupCommit:MaxBatch must be…"); every
    /// message names its full key already, so the member goes and each line an operator reads starts with the key.
    /// </summary>
    private sealed class KeyFirst<TOptions>(IValidateOptions<TOptions> validator) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = validator.Validate(name, options);
            return result.Failed ? ValidateOptionsResult.Fail(result.Failures.Select(WithoutMember)) : result;
        }

        private static string WithoutMember(string failure)
        {
            var colon = failure.IndexOf(": ", StringComparison.Ordinal);
            return colon > 0 && failure.AsSpan(0, colon).IndexOfAnyExcept(Identifier) < 0 ? failure[(colon + 2)..] : failure;
        }

        private static readonly System.Buffers.SearchValues<char> Identifier =
            System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    }
}
