using Npgsql;
using NpgsqlTypes;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// Typed parameters, so statements can be prepared and values never enter SQL text. Timestamps go to UTC first:
/// PostgreSQL keeps the instant, and Npgsql refuses a non-zero offset rather than guess.
/// </summary>
internal static class SqlParameters
{
    public static NpgsqlParameter<T> Of<T>(string name, T value, NpgsqlDbType type) => new(name, type) { TypedValue = value };

    public static NpgsqlParameter<string[]> Texts(string name, string[] values) => Of(name, values, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public static NpgsqlParameter<string?[]> NullableTexts(string name, string?[] values) =>
        Of(name, values, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public static NpgsqlParameter<long[]> Longs(string name, long[] values) => Of(name, values, NpgsqlDbType.Array | NpgsqlDbType.Bigint);

    public static NpgsqlParameter<short[]> Shorts(string name, short[] values) => Of(name, values, NpgsqlDbType.Array | NpgsqlDbType.Smallint);

    public static NpgsqlParameter<int[]> Ints(string name, int[] values) => Of(name, values, NpgsqlDbType.Array | NpgsqlDbType.Integer);

    public static NpgsqlParameter<DateTimeOffset[]> Times(string name, IEnumerable<DateTimeOffset> values) =>
        Of(name, values.Select(v => v.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter<DateTimeOffset?[]> NullableTimes(string name, IEnumerable<DateTimeOffset?> values) =>
        Of(name, values.Select(v => v?.ToUniversalTime()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter<string> Text(string name, string value) => Of(name, value, NpgsqlDbType.Text);

    public static NpgsqlParameter<long> Long(string name, long value) => Of(name, value, NpgsqlDbType.Bigint);

    public static NpgsqlParameter<int> Int(string name, int value) => Of(name, value, NpgsqlDbType.Integer);

    public static NpgsqlParameter<DateTimeOffset> Time(string name, DateTimeOffset value) =>
        Of(name, value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
}
