namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class MemoryOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new MemoryOptions();
        Assert.Equal((65_536, 1000), (options.MaxValueBytes, options.ChangeLogRetention));
        Assert.Empty(OptionsValidatorTests.Failures([]));
    }

    [Theory]
    [InlineData(0, 1000, "Hive:Memory:MaxValueBytes")]
    [InlineData(2_000_000, 1000, "Hive:Memory:MaxValueBytes")]
    [InlineData(65_536, 0, "Hive:Memory:ChangeLogRetention")]
    public void Out_of_range_settings_are_named_in_the_error(int maxValueBytes, int retention, string setting) =>
        Assert.Contains(Problems(("MaxValueBytes", maxValueBytes), ("ChangeLogRetention", retention)), p => p.StartsWith(setting, StringComparison.Ordinal));

    [Fact]
    public void Watch_bounds_default_to_a_thousand_waiting_32_per_caller_and_1_MiB_answers()
    {
        var options = new MemoryOptions();
        Assert.Equal((1000, 32, 1_048_576), (options.MaxWatchers, options.MaxWatchersPerCaller, options.MaxWatchAnswerBytes));
    }

    [Theory]
    [InlineData(0, 32, 1_048_576, "Hive:Memory:MaxWatchers")]
    [InlineData(1000, 0, 1_048_576, "Hive:Memory:MaxWatchersPerCaller")]
    [InlineData(1000, 32, 1023, "Hive:Memory:MaxWatchAnswerBytes")]
    [InlineData(1000, 32, 67_108_865, "Hive:Memory:MaxWatchAnswerBytes")]
    public void Out_of_range_watch_bounds_are_named_in_the_error(int watchers, int perCaller, int answerBytes, string setting) =>
        Assert.Contains(Problems(("MaxWatchers", watchers), ("MaxWatchersPerCaller", perCaller), ("MaxWatchAnswerBytes", answerBytes)),
            p => p.StartsWith(setting, StringComparison.Ordinal));

    [Fact]
    public void The_reservation_timeout_is_named_in_the_error() =>
        Assert.Equal("Hive:Memory:ReservationTimeout must be 1 s–10 min.", Assert.Single(Problems(("ReservationTimeout", "00:00:00"))));

    private static IReadOnlyList<string> Problems(params (string Key, object Value)[] settings) =>
        OptionsValidatorTests.Failures(settings.ToDictionary(s => $"{MemoryOptions.Section}:{s.Key}", s => (string?)Convert.ToString(s.Value, System.Globalization.CultureInfo.InvariantCulture)));
}
