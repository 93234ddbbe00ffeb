namespace Hive.Health;

/// <summary>How much the hive is doing, from everything down to keeping the lights on. Ordered: a larger value is a worse level.</summary>
public enum ServiceLevel
{
    Full = 0,
    Reduced = 1,
    Essential = 2,
    Emergency = 3,
}
