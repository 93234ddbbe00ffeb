namespace Hive.Security;

/// <summary>
/// What an operator credential may do. A method declares the scope it needs (<see cref="Health.OperationAttribute.Scope"/>);
/// an operator holding it may also act for any agent in that method, which is how the console manages a fleet.
/// </summary>
public static class Scopes
{
    public const string Read = "read";
    public const string Halt = "halt";
    public const string Level = "level";
    public const string AgentsAdmin = "agents.admin";
    public const string TasksAdmin = "tasks.admin";
    public const string Memory = "memory";
    public const string Messages = "messages";
    public const string Escalations = "escalations";
    public const string Import = "import";
    public const string Tokens = "tokens";

    /// <summary>Every scope there is: what the development operator credential holds.</summary>
    public static readonly IReadOnlyList<string> All =
        [Read, Halt, Level, AgentsAdmin, TasksAdmin, Memory, Messages, Escalations, Import, Tokens];
}
