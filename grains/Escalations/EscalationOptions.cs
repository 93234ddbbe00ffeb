using System.ComponentModel.DataAnnotations;

namespace Hive.Escalations;

/// <summary>Acknowledgement deadlines by severity, and who answers alerts the hive raises itself. Bound from <c>Hive:Escalations</c>.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Hive:Escalations";

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CriticalAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan HighAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MediumAcknowledgeWithin { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LowAcknowledgeWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The role whose agents support escalations the hive raises on its own (unresponsive agents, overdue tasks).</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    public string AlertResponderRole { get; set; } = "reliability-engineer";

    public TimeSpan AcknowledgeWithin(Severity severity) => severity switch
    {
        Severity.Critical => CriticalAcknowledgeWithin,
        Severity.High => HighAcknowledgeWithin,
        Severity.Medium => MediumAcknowledgeWithin,
        _ => LowAcknowledgeWithin,
    };
}
