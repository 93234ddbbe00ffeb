namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class MemoryCasTests
{
    [Theory]
    [InlineData(null, 0L, true)]
    [InlineData(null, 7L, true)]
    [InlineData(0L, 0L, true)]
    [InlineData(0L, 3L, false)]
    [InlineData(3L, 3L, true)]
    [InlineData(2L, 3L, false)]
    [InlineData(4L, 3L, false)]
    [InlineData(3L, 0L, false)]
    public void Allows_a_write_only_when_the_expectation_matches(long? expected, long current, bool allowed) =>
        Assert.Equal(allowed, MemoryCas.Allows(expected, current));

    [Theory]
    [InlineData(0L, 3L, "already exists at version 3")]
    [InlineData(3L, 0L, "does not exist now")]
    [InlineData(2L, 3L, "retry with version 3")]
    public void A_refused_write_is_a_conflict_carrying_the_current_version(long expected, long current, string says)
    {
        var e = Assert.Throws<HiveException>(() => MemoryCas.Require(expected, current, "memory/ns/ch/k"));

        Assert.Equal((HiveErrorCodes.Conflict, current, "memory/ns/ch/k"), (e.Code, e.CurrentVersion, e.Entity));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Contains("Re-read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_expected_version_is_a_validation_error()
    {
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => MemoryCas.RequireValid(-1, "memory/ns/ch/k")).Code);
        MemoryCas.RequireValid(null, "memory/ns/ch/k");
        MemoryCas.RequireValid(0, "memory/ns/ch/k");
    }
}
