using System.Globalization;

namespace Hive.Console.Output;

/// <summary>Inbox messages as a table.</summary>
internal static class MessageViews
{
    public static Table List(IReadOnlyList<Message> messages) => Terminal.Grid(
        ["SEQ", "FROM", "KIND", "SUBJECT", "CORRELATION", "SENT"],
        messages.Select(m => new[] { m.Sequence.ToString(CultureInfo.InvariantCulture), m.From, m.Kind, m.Subject, Formats.Text(m.CorrelationId), Formats.Time(m.SentAt) }));
}
