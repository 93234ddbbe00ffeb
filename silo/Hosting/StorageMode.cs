namespace Hive.Silo.Hosting;

public enum StorageMode
{
    InMemory,
    Postgres,
}
