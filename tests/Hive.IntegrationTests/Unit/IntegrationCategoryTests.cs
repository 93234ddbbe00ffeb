namespace Hive.Tests.Unit;

/// <summary>
/// Every test class of this project says what it needs (docs/testing.md). Itself a unit test: it only reads this
/// assembly, so it needs no service.
/// </summary>
[Trait("Category", "Unit")]
public sealed class IntegrationCategoryTests
{
    [Fact]
    public void Every_test_class_here_is_durable_process_or_failover() =>
        Assert.DoesNotContain(
            TestCategories.Problems(typeof(IntegrationCategoryTests).Assembly, TestCategories.Durable, TestCategories.Process, TestCategories.Failover),
            problem => !problem.StartsWith(typeof(IntegrationCategoryTests).FullName + ":", StringComparison.Ordinal));
}
