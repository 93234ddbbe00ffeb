namespace Hive.Tests.Unit;

/// <summary>Hive.Client refuses text the wire would change (a lone surrogate) before it sends anything.</summary>
[Trait("Category", "Unit")]
public class WireTextTests
{
    [Fact]
    public async Task A_lone_surrogate_in_a_text_argument_fails_the_call_before_it_is_made()
    {
        var made = false;
        var e = await Assert.ThrowsAsync<HiveException>(() => new HiveCalls().Run(() =>
        {
            made = true;
            return Task.FromResult(1);
        }, ("reason", "halt \uD800")));

        Assert.False(made);
        Assert.Equal(HiveErrorCodes.Validation, e.Code);
        Assert.StartsWith("reason ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public void A_lone_surrogate_anywhere_in_a_spec_is_found_and_named(string field, AgentSpec spec)
    {
        var e = Assert.Throws<HiveException>(() => WireText.Require("spec", spec));
        Assert.StartsWith(field + " ", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, AgentSpec> BrokenSpecs => new()
    {
        { "spec.DisplayName", Valid with { DisplayName = "a\uDC00b" } },
        { "spec.Roles[1]", Valid with { Roles = ["ok", "\uD800"] } },
        { "spec.Metadata[team]", Valid with { Metadata = new Dictionary<string, string> { ["team"] = "x\uD800" } } },
    };

    [Fact]
    public void Well_formed_text_NUL_and_non_text_values_pass() =>
        WireText.Require("spec", Valid with { DisplayName = "😀 a\0", Metadata = new Dictionary<string, string> { ["n"] = "é" } });

    private static readonly AgentSpec Valid = new("agent-1", "Agent one", ["role"]);
}
