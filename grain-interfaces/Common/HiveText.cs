namespace Hive.Common;

/// <summary>
/// The one rule for free text the hive keeps (titles, descriptions, notes, reasons, results, metadata values):
/// at most a given number of characters, no NUL and well-formed UTF-16 (no lone surrogate). PostgreSQL text holds
/// neither of the last two, so text that passes is stored whole, with its catalog row and audit event, or not at all.
/// Every check throws a <c>validation</c> <see cref="HiveException"/> naming the field, before anything is written.
/// Free text never lands in an indexed column (the catalog and audit indexes hold ids, at most 128 ASCII characters,
/// and status names), so no length allowed here can reach PostgreSQL's b-tree row limit of about 2,700 bytes.
/// </summary>
public static class HiveText
{
    /// <summary>Returns <paramref name="value"/> when it is not blank, at most <paramref name="maxLength"/> characters and storable.</summary>
    public static string Require(string? value, string field, int maxLength, string? entity = null)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
            throw HiveException.Validation($"{field} must be 1–{maxLength} characters and not blank.", entity);
        RequireStorable(value, field, entity);
        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is null, or at most <paramref name="maxLength"/> characters (empty allowed) and storable.</summary>
    public static string? Optional(string? value, string field, int maxLength, string? entity = null)
    {
        if (value is null) return null;
        if (value.Length > maxLength) throw HiveException.Validation($"{field} may be at most {maxLength} characters.", entity);
        RequireStorable(value, field, entity);
        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is null or <see cref="IsStorable"/>; for text whose length is bounded elsewhere.</summary>
    public static void RequireStorable(string? value, string field, string? entity = null)
    {
        if (value is null || IsStorable(value)) return;
        throw HiveException.Validation(
            $"{field} contains a NUL character or a lone surrogate (broken UTF-16), which the hive cannot store; remove it and send again.", entity);
    }

    /// <summary>True when the text has no NUL character and is well-formed UTF-16.</summary>
    public static bool IsStorable(ReadOnlySpan<char> text) => !text.Contains('\0') && IsWellFormed(text);

    /// <summary>True when every surrogate in the text is half of a pair, so it survives UTF-8 (the wire, PostgreSQL) unchanged.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        // Most text has no surrogate at all: one vectorised scan answers for it.
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
