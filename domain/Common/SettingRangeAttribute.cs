using System.ComponentModel.DataAnnotations;

namespace Hive.Common;

/// <summary>
/// <see cref="RangeAttribute"/> for options, whose <c>ErrorMessage</c> names the configuration key. The options validator
/// generator swaps the stock attribute for a copy that always says "The field X must be between…" and drops that message
/// (Microsoft.Extensions.Options 10.0, dotnet/runtime#123137); a derived attribute is used as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum) : base(minimum, maximum) { }

    public SettingRangeAttribute(double minimum, double maximum) : base(minimum, maximum) { }

    public SettingRangeAttribute(Type type, string minimum, string maximum) : base(type, minimum, maximum) { }
}
