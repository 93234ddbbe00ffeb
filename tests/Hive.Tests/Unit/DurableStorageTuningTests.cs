using Hive.Silo.Hosting;
using Npgsql;

namespace Hive.Tests.Unit;

/// <summary>The silo's connection tuning applies unless the operator wrote the setting, in either spelling.</summary>
[Trait("Category", "Unit")]
public sealed class DurableStorageTuningTests
{
    private const string Plain = "Host=127.0.0.1;Port=55432;Database=hive;Username=hive;Password=secret";

    [Fact]
    public void A_plain_connection_string_gets_auto_prepare_and_no_reset_on_close()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DurableStorage.Tuned(Plain));

        Assert.Equal((64, true), (tuned.MaxAutoPrepare, tuned.NoResetOnClose));
        Assert.Equal(("127.0.0.1", "hive", "secret"), (tuned.Host, tuned.Database, tuned.Password));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("MaxAutoPrepare=0;NoResetOnClose=false")]
    public void Settings_the_operator_wrote_are_kept(string written)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DurableStorage.Tuned(Plain + ";" + written));

        Assert.Equal((0, false), (tuned.MaxAutoPrepare, tuned.NoResetOnClose));
    }
}
