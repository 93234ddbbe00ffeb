namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class HiveTextTests
{
    private const int Max = 8;
    private const string Entity = "task/t1";

    private static readonly Dictionary<string, string> Storable = new()
    {
        ["plain"] = "a",
        ["exactly the limit"] = new string('x', Max),
        ["a surrogate pair (one emoji)"] = "😀",
        ["pairs at the limit"] = "😀😀😀😀",
        ["non-ASCII"] = "é ü ß",
    };

    private static readonly Dictionary<string, string> Unstorable = new()
    {
        ["a NUL"] = "a\0",
        ["only a NUL"] = "\0",
        ["a lone high surrogate"] = "\uD800",
        ["a lone low surrogate between letters"] = "a\uDC00b",
        ["a high surrogate at the end"] = "ab\uD83D",
        ["a pair reversed"] = "\uDE00\uD83D",
    };

    public static TheoryData<string> StorableCases => new(Storable.Keys);

    public static TheoryData<string> UnstorableCases => new(Unstorable.Keys);

    [Theory]
    [MemberData(nameof(StorableCases))]
    public void Storable_text_within_the_limit_is_returned_unchanged(string @case)
    {
        Assert.Equal(Storable[@case], HiveText.Require(Storable[@case], "Title", Max, Entity));
        Assert.Equal(Storable[@case], HiveText.Optional(Storable[@case], "Title", Max, Entity));
        Assert.True(HiveText.IsStorable(Storable[@case]));
    }

    [Theory]
    [MemberData(nameof(UnstorableCases))]
    public void Unstorable_text_is_a_validation_error_naming_field_and_entity(string @case)
    {
        foreach (var check in new Action[]
        {
            () => HiveText.Require(Unstorable[@case], "Title", Max, Entity),
            () => HiveText.Optional(Unstorable[@case], "Title", Max, Entity),
            () => HiveText.RequireStorable(Unstorable[@case], "Title", Entity),
        })
        {
            var e = Assert.Throws<HiveException>(check);
            Assert.Equal((HiveErrorCodes.Validation, Entity), (e.Code, e.Entity));
            Assert.StartsWith("Title ", e.Message, StringComparison.Ordinal);
        }
        Assert.False(HiveText.IsStorable(Unstorable[@case]));
    }

    [Fact]
    public void Only_surrogates_break_well_formedness_not_NUL() =>
        Assert.Equal((true, false, false), (HiveText.IsWellFormed("a\0"), HiveText.IsWellFormed("\uD800"), HiveText.IsWellFormed("a\uDC00b")));

    [Fact]
    public void One_character_over_the_limit_is_refused_by_both_forms()
    {
        var over = new string('x', Max + 1);
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => HiveText.Require(over, "Title", Max)).Code);
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => HiveText.Optional(over, "Title", Max)).Code);
    }

    [Fact]
    public void The_limit_counts_UTF16_characters_so_a_pair_takes_two() =>
        Assert.Throws<HiveException>(() => HiveText.Require("😀😀😀😀x", "Title", Max));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Required_text_must_not_be_blank(string? value) =>
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => HiveText.Require(value, "Title", Max)).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Optional_text_may_be_absent_or_empty(string? value) => Assert.Equal(value, HiveText.Optional(value, "Note", Max));
}
