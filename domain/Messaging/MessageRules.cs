using System.Text;

namespace Hive.Messaging;

/// <summary>Validates messages before anything is stored; every rule names the field and the fix.</summary>
public static class MessageRules
{
    public static MessageDraft Validate(MessageDraft? draft)
    {
        if (draft is null) throw HiveException.Validation("A message draft is required.");
        HiveIds.Require(draft.From, "Sender agent id");
        if ((draft.To is null) == (draft.ToRole is null))
        {
            var named = draft.To is null ? "neither" : "both";
            throw HiveException.Validation($"A message needs exactly one of To (an agent id) or ToRole (a role); this one names {named}.");
        }
        if (draft.To is not null) HiveIds.Require(draft.To, "Recipient agent id");
        if (draft.ToRole is not null) HiveIds.Require(draft.ToRole, "Recipient role");
        HiveIds.Require(draft.Kind, "Message kind");
        HiveText.Require(draft.Subject, "The message subject", MessageLimits.MaxSubjectLength);
        if (draft.Body is null) throw HiveException.Validation("The message body is required; it may be empty.");
        // Every character takes at least one UTF-8 byte, so a long string is rejected without encoding it.
        var bytes = draft.Body.Length > MessageLimits.MaxBodyBytes ? draft.Body.Length : Encoding.UTF8.GetByteCount(draft.Body);
        if (bytes > MessageLimits.MaxBodyBytes)
        {
            throw HiveException.Validation(
                $"The message body is at least {bytes} bytes of UTF-8; at most {MessageLimits.MaxBodyBytes} are allowed. Put large payloads in memory and send the key.");
        }
        HiveText.RequireStorable(draft.Body, "The message body");
        if (draft.CorrelationId is not null) HiveIds.Require(draft.CorrelationId, "Correlation id");
        return draft;
    }

    /// <summary>The copy of a checked draft that one recipient's inbox will hold; the inbox assigns the sequence.</summary>
    public static Message ToMessage(MessageDraft valid, string recipient, DateTimeOffset sentAt) =>
        new(0, valid.From, recipient, valid.Kind, valid.Subject, valid.Body, valid.CorrelationId, sentAt);

    /// <summary>Checks a message handed straight to an inbox as strictly as a draft, and that it is for that inbox.</summary>
    public static Message RequireDeliverable(Message? message, string inboxAgentId)
    {
        if (message is null) throw HiveException.Validation("A message is required.");
        if (message.To != inboxAgentId)
            throw HiveException.Validation($"A message for '{HiveIds.Shorten(message.To)}' cannot go to the inbox of '{inboxAgentId}'.");
        Validate(new MessageDraft(message.From, message.Kind, message.Subject, message.Body, To: message.To, CorrelationId: message.CorrelationId));
        return message;
    }
}
