namespace Hive.Security;

/// <summary>Whether the silo demands credentials.</summary>
public enum SecurityMode
{
    /// <summary>Credentials are required. A single in-memory process with no keys configured makes a development key.</summary>
    Enforced,

    /// <summary>No credential is checked: every caller is whoever it says. Warned about at start and on <c>/health</c>.</summary>
    Open,
}
