namespace Hive.Silo.Hosting;

public enum ClusteringMode
{
    Localhost,
    Redis,
}
