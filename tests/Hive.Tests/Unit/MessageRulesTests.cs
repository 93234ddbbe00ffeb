namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class MessageRulesTests
{
    private static readonly MessageDraft Valid = new("alice", "notice", "Hello", "Body", To: "bob");

    private static readonly Dictionary<string, MessageDraft> Invalid = new()
    {
        ["sender id with a space"] = Valid with { From = "al ice" },
        ["sender id empty"] = Valid with { From = "" },
        ["recipient id starting with a dash"] = Valid with { To = "-bob" },
        ["recipient id too long"] = Valid with { To = new string('b', HiveIds.MaxLength + 1) },
        ["role id with a slash"] = Valid with { To = null, ToRole = "qa/lead" },
        ["both To and ToRole"] = Valid with { ToRole = "qa" },
        ["neither To nor ToRole"] = Valid with { To = null },
        ["kind empty"] = Valid with { Kind = "" },
        ["kind with a space"] = Valid with { Kind = "big news" },
        ["subject blank"] = Valid with { Subject = "  " },
        ["subject too long"] = Valid with { Subject = new string('s', MessageLimits.MaxSubjectLength + 1) },
        ["body null"] = Valid with { Body = null! },
        ["body one byte over"] = Valid with { Body = new string('b', MessageLimits.MaxBodyBytes + 1) },
        ["body over in bytes but not in characters"] = Valid with { Body = new string('é', (MessageLimits.MaxBodyBytes / 2) + 1) },
        ["correlation id with a space"] = Valid with { CorrelationId = "re ply" },
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_draft_is_a_validation_error(string @case)
    {
        var e = Assert.Throws<HiveException>(() => MessageRules.Validate(Invalid[@case]));
        Assert.Equal(HiveErrorCodes.Validation, e.Code);
    }

    [Fact]
    public void Null_draft_is_a_validation_error() =>
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => MessageRules.Validate(null)).Code);

    [Fact]
    public void Drafts_at_the_limits_are_valid()
    {
        MessageDraft[] valid =
        [
            Valid,
            Valid with { To = null, ToRole = "qa" },
            Valid with { Body = "" },
            Valid with { Body = new string('b', MessageLimits.MaxBodyBytes) },
            Valid with { Body = new string('é', MessageLimits.MaxBodyBytes / 2) },
            Valid with { Subject = new string('s', MessageLimits.MaxSubjectLength), CorrelationId = "req:1" },
        ];
        foreach (var draft in valid) Assert.Same(draft, MessageRules.Validate(draft));
    }

    [Fact]
    public void A_message_may_only_go_to_its_own_recipients_inbox()
    {
        var message = MessageRules.ToMessage(Valid, "bob", DateTimeOffset.UnixEpoch);
        Assert.Same(message, MessageRules.RequireDeliverable(message, "bob"));
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => MessageRules.RequireDeliverable(message, "carol")).Code);
        Assert.Throws<HiveException>(() => MessageRules.RequireDeliverable(message with { Body = new string('b', MessageLimits.MaxBodyBytes + 1) }, "bob"));
    }
}
