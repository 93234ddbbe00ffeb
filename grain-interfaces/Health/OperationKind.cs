namespace Hive.Health;

/// <summary>What a grain call does, for the service-level and halt rules. Every client-facing grain method declares one.</summary>
public enum OperationKind
{
    /// <summary>Reads nothing but state: listings, gets, watches, inbox receives.</summary>
    Read = 0,

    /// <summary>An agent saying it is alive.</summary>
    Heartbeat = 1,

    /// <summary>An agent reporting on a task it holds: start, progress, complete, fail, approve, reject.</summary>
    TaskStatusUpdate = 2,

    /// <summary>Raising and working escalations.</summary>
    Escalation = 3,

    /// <summary>Operators steering the hive: suspend, resume, drain, cancel, retry, pin levels, halt.</summary>
    OperatorCommand = 4,

    /// <summary>Creating and claiming tasks, registering agents, acking messages.</summary>
    TaskWrite = 5,

    /// <summary>Writing shared memory.</summary>
    MemoryWrite = 6,

    /// <summary>Sending and acking messages.</summary>
    Message = 7,

    /// <summary>Agents joining and leaving the fleet.</summary>
    Registration = 8,
}
