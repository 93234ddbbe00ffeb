namespace Hive.Tests.Unit;

/// <summary>The fast project holds only unit and in-memory cluster tests, each class marked as which (docs/testing.md).</summary>
[Trait("Category", "Unit")]
public sealed class TestCategoryTests
{
    [Fact]
    public void Every_test_class_here_is_unit_or_in_memory_cluster() =>
        Assert.Empty(TestCategories.Problems(typeof(TestCategoryTests).Assembly, TestCategories.Unit, TestCategories.Cluster));
}
