namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class MemoryValueRulesTests
{
    private const string Entity = "memory/phase4_swarm/coordination/circuit_breaker_status";

    [Theory]
    [InlineData("0")]
    [InlineData("null")]
    [InlineData("\"open\"")]
    [InlineData("""{"state":"open","failures":[1,2,3]}""")]
    [InlineData("  [true, false]  ")]
    public void Valid_json_within_the_limit_is_accepted(string json) => MemoryValueRules.RequireValue(json, 64, Entity);

    [Theory]
    [InlineData("")]
    [InlineData("open")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("/* note */ 1")]
    public void Invalid_json_is_a_validation_error(string json)
    {
        var e = Assert.Throws<HiveException>(() => MemoryValueRules.RequireValue(json, 64, Entity));
        Assert.Equal(HiveErrorCodes.Validation, e.Code);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_is_a_validation_error() =>
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => MemoryValueRules.RequireValue(null, 64, Entity)).Code);

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        var exactly = "\"" + new string('é', 3) + "\""; // 2 quotes + 3 × 2 bytes = 8 bytes in 5 characters
        MemoryValueRules.RequireValue(exactly, 8, Entity);

        var e = Assert.Throws<HiveException>(() => MemoryValueRules.RequireValue(exactly, 7, Entity));
        Assert.Contains("8 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 7 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_is_checked_before_the_json_is_parsed()
    {
        var e = Assert.Throws<HiveException>(() => MemoryValueRules.RequireValue(new string('x', 100), 10, Entity));
        Assert.Contains("at most 10 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("00:00:00.001", true)]
    [InlineData("30.00:00:00", true)]
    [InlineData("30.00:00:00.001", false)]
    [InlineData("00:00:00", false)]
    [InlineData("-00:00:01", false)]
    public void Time_to_live_is_positive_and_at_most_thirty_days(string? ttl, bool valid)
    {
        TimeSpan? value = ttl is null ? null : TimeSpan.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture);
        var error = Record.Exception(() => MemoryValueRules.RequireTtl(value, Entity));
        Assert.Equal(valid, error is null);
    }
}
