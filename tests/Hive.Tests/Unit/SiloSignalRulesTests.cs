using Xunit;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class SiloSignalRulesTests
{
    public static TheoryData<SiloSignals?> BadReports() => new()
    {
        null,
        new SiloSignals("", 5, 5, 0, false, 1),
        new SiloSignals(new string('s', SiloSignalRules.MaxSiloLength + 1), 5, 5, 0, false, 1),
        new SiloSignals("silo", double.NaN, 5, 0, false, 1),
        new SiloSignals("silo", 5, double.PositiveInfinity, 0, false, 1),
        new SiloSignals("silo", 5, 5, -0.1, false, 1),
        new SiloSignals("silo", 5, 5, 0, false, -1),
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public void A_report_without_a_silo_or_with_a_measure_that_is_not_a_number_is_refused(SiloSignals? report) =>
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => SiloSignalRules.Validate(report)).Code);

    [Fact]
    public void A_report_with_missing_measurements_is_kept() =>
        Assert.NotNull(SiloSignalRules.Validate(new SiloSignals("silo", null, null, null, false, null)));

    [Fact]
    public void A_report_carries_no_time_of_its_own_so_the_health_grain_stamps_it() =>
        Assert.DoesNotContain(typeof(SiloSignals).GetProperties(), p => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTime));
}
