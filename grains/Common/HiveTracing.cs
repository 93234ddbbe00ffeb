using System.Diagnostics;

namespace Hive.Common;

/// <summary>
/// The activity source <c>Hive</c>: spans for Hive's own work that Orleans does not already trace (storage calls of
/// the append stores). Starting an activity costs nothing while no tracer listens.
/// </summary>
public static class HiveTracing
{
    public const string SourceName = "Hive";

    public static readonly ActivitySource Source = new(SourceName);
}
