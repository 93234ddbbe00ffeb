using Hive.Silo.Storage;

namespace Hive.Silo.Hosting;

/// <summary>
/// Postgres mode (and the <c>migrate</c> command, <paramref name="needPostgres"/>) needs a connection string that parses and
/// names a host; whether the database answers is checked after, when the silo opens it.
/// </summary>
public sealed class HiveStorageOptionsValidator(bool needPostgres) : IValidateOptions<HiveStorageOptions>
{
    /// <summary>The setting as operators read it in a problem: either place it may come from.</summary>
    public const string ConnectionStringName = $"{HiveStorageOptions.ConnectionStringSetting} (or {HiveStorageOptions.ConnectionStringVariable})";

    public ValidateOptionsResult Validate(string? name, HiveStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!needPostgres && options.Mode != StorageMode.Postgres) return ValidateOptionsResult.Success;
        PostgresTarget.TryParse(options.ResolveConnectionString(), ConnectionStringName, out var problem);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
