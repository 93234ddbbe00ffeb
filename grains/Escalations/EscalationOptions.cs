using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Escalations;

/// <summary>Acknowledgement deadlines by severity, and who answers alerts the hive raises itself. Bound from <c>Hive:Escalations</c>.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Hive:Escalations";

    [SettingRange(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Hive:Escalations:CriticalAcknowledgeWithin must be 1 s–7 days.")]
    public TimeSpan CriticalAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    [SettingRange(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Hive:Escalations:HighAcknowledgeWithin must be 1 s–7 days.")]
    public TimeSpan HighAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    [SettingRange(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Hive:Escalations:MediumAcknowledgeWithin must be 1 s–7 days.")]
    public TimeSpan MediumAcknowledgeWithin { get; set; } = TimeSpan.FromHours(1);

    [SettingRange(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Hive:Escalations:LowAcknowledgeWithin must be 1 s–7 days.")]
    public TimeSpan LowAcknowledgeWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The role whose agents support escalations the hive raises on its own (unresponsive agents, overdue tasks).</summary>
    [Required(ErrorMessage = "Hive:Escalations:AlertResponderRole is required.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$",
        ErrorMessage = "Hive:Escalations:AlertResponderRole must be a role id: a letter or digit, then up to 127 letters, digits, '.', '_', ':' or '-'.")]
    public string AlertResponderRole { get; set; } = "reliability-engineer";

    public TimeSpan AcknowledgeWithin(Severity severity) => severity switch
    {
        Severity.Critical => CriticalAcknowledgeWithin,
        Severity.High => HighAcknowledgeWithin,
        Severity.Medium => MediumAcknowledgeWithin,
        _ => LowAcknowledgeWithin,
    };
}

/// <summary>Checks the attributes on <see cref="EscalationOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class EscalationOptionsValidator : IValidateOptions<EscalationOptions>;
