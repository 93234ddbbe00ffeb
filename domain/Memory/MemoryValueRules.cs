using System.Text;
using System.Text.Json;

namespace Hive.Memory;

/// <summary>What a memory value and its time to live must be. Pure, so it is unit-tested without a cluster.</summary>
public static class MemoryValueRules
{
    /// <summary>A <c>validation</c> error unless <paramref name="json"/> is valid JSON of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static void RequireValue(string? json, int maxBytes, string entity)
    {
        if (json is null)
            throw HiveException.Validation($"A value for {entity} is required: JSON text such as {{\"status\":\"open\"}} or \"text\".", entity);
        // Size first: a value too large to keep is rejected without paying to parse it.
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > maxBytes)
        {
            throw HiveException.Validation(
                $"The value for {entity} is {bytes} bytes (UTF-8); a memory value may be at most {maxBytes} bytes (Hive:Memory:MaxValueBytes). Store large data elsewhere and keep a reference here.",
                entity);
        }
        // JSON may spell NUL as \u0000 and still parse; the raw characters are what storage must hold.
        HiveText.RequireStorable(json, $"The value for {entity}", entity);
        try
        {
            JsonDocument.Parse(json).Dispose();
        }
        catch (JsonException e)
        {
            throw HiveException.Validation(
                $"The value for {entity} is not valid JSON ({e.Message}). Send JSON text; a plain string needs quotes, as in \"text\".", entity);
        }
    }

    /// <summary>A <c>validation</c> error unless <paramref name="ttl"/> is null or positive and at most <see cref="MemoryLimits.MaxTtl"/>.</summary>
    public static void RequireTtl(TimeSpan? ttl, string entity)
    {
        if (ttl is not { } t || (t > TimeSpan.Zero && t <= MemoryLimits.MaxTtl)) return;
        throw HiveException.Validation(
            $"Time to live for {entity} must be positive and at most {MemoryLimits.MaxTtl.TotalDays:0} days; got {t}. Leave it out to keep the value until it is deleted.",
            entity);
    }
}
