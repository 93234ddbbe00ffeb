namespace Hive.Silo.Storage.Append;

/// <summary>
/// PostgreSQL text holds neither NUL characters nor broken UTF-16 (a lone surrogate). One such value would fail the
/// whole batch it rides in, failing its batch-mates too, so it is refused alone before it is queued.
/// </summary>
internal static class StorableText
{
    public static void Require(string? value, string field)
    {
        if (value is null || IsStorable(value)) return;
        throw HiveException.Validation($"{field} contains a NUL character or broken UTF-16, which the hive's storage cannot hold.");
    }

    private static bool IsStorable(string value)
    {
        var text = value.AsSpan();
        if (text.Contains('\0')) return false;
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0) return true;
        for (var i = at; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
