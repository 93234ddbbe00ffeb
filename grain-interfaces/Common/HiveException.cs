namespace Hive.Common;

/// <summary>
/// Every rejected Hive call raises this, on the silo and, unchanged, on the client.
/// <see cref="Code"/> is stable (see <see cref="HiveErrorCodes"/>); the message tells a person what to do.
/// A rejected call has changed nothing.
/// </summary>
[GenerateSerializer, Alias("hive.error.v1")]
public sealed class HiveException : Exception
{
    public HiveException(string code, string message, string? entity = null, long? currentVersion = null)
        : base(message)
    {
        Code = code;
        Entity = entity;
        CurrentVersion = currentVersion;
    }

    public HiveException() : this(HiveErrorCodes.Validation, "Hive error") { }

    public HiveException(string message) : this(HiveErrorCodes.Validation, message) { }

    public HiveException(string message, Exception innerException) : base(message, innerException) =>
        Code = HiveErrorCodes.Validation;

    /// <summary>Stable machine-readable code.</summary>
    [Id(0)] public string Code { get; init; }

    /// <summary>The entity the error is about (for example <c>task/deploy-1</c>), when there is one.</summary>
    [Id(1)] public string? Entity { get; init; }

    /// <summary>For <c>conflict</c> on versioned writes: the version that is current now.</summary>
    [Id(2)] public long? CurrentVersion { get; init; }

    /// <summary>For <c>rate-limited</c> and <c>degraded</c>: when a retry may succeed.</summary>
    [Id(3)] public TimeSpan? RetryAfter { get; init; }

    public static HiveException Validation(string message, string? entity = null) => new(HiveErrorCodes.Validation, message, entity);
    public static HiveException NotFound(string entity) => new(HiveErrorCodes.NotFound, $"{entity} does not exist.", entity);
    public static HiveException Conflict(string message, string? entity = null, long? currentVersion = null) =>
        new(HiveErrorCodes.Conflict, message, entity, currentVersion);
    public static HiveException InvalidTransition(string message, string? entity = null) =>
        new(HiveErrorCodes.InvalidTransition, message, entity);
    public static HiveException Forbidden(string message, string? entity = null) => new(HiveErrorCodes.Forbidden, message, entity);
}
