namespace Hive.Console.Connection;

/// <summary>The credential the console sends with every call, and where it came from (for <c>hive auth whoami</c>).</summary>
internal sealed record ConsoleCredential(string Token, string Source);
