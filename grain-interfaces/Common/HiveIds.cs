namespace Hive.Common;

/// <summary>
/// The one rule for user-chosen ids (agents, tasks, roles): 1–128 characters of letters, digits,
/// '.', '_', '-' and ':', starting with a letter or digit. Ids are case-sensitive.
/// </summary>
public static class HiveIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
            return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or ':'))
                return false;
        }
        return true;
    }

    /// <summary>Throws a <c>validation</c> error naming the field when <paramref name="id"/> breaks the rule.</summary>
    public static string Require(string? id, string field)
    {
        if (!IsValid(id))
        {
            throw HiveException.Validation(
                $"{field} '{Shorten(id)}' is not a valid id: use 1–{MaxLength} letters, digits, '.', '_', '-' or ':', starting with a letter or digit.");
        }
        return id!;
    }

    public static string Shorten(string? value) =>
        value is null ? "(null)" : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
