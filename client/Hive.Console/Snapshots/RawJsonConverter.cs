using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Console.Snapshots;

/// <summary>
/// Writes a string that holds JSON as that JSON, unchanged, and reads it back as the same text: a memory value round
/// trips through a snapshot exactly, whitespace included, and the snapshot stays readable.
/// </summary>
internal sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value);
    }
}
