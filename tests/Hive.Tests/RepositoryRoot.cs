namespace Hive.Tests;

/// <summary>The checkout the tests run from: the folder above the test output that holds Hive.Orleans.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Hive.Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Hive.Orleans.sln not found above the test output directory.");
    }
}
