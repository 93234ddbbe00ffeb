using Hive.Silo.Storage;

namespace Hive.Tests.Durable;

/// <summary>The embedded migration set itself (no database needed).</summary>
[Trait("Category", "Durable")]
public sealed class MigrationsTests
{
    [Fact]
    public void Every_embedded_migration_is_found_in_version_order()
    {
        var migrations = Migrations.Embedded;

        Assert.Equal(new Migration(1, "grain_state", migrations[0].Sql), migrations[0]);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
        Assert.Contains("OrleansQuery", migrations[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_migrations_with_one_version_are_rejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Migrations.Ordered([new(2, "a", ""), new(1, "b", ""), new(2, "c", "")]));

        Assert.Contains("a and c both claim version 2", error.Message, StringComparison.Ordinal);
    }
}
