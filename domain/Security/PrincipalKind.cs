namespace Hive.Security;

/// <summary>
/// Who a credential speaks for: one agent, a service acting for agents, a human operator, or a silo of this hive doing
/// the hive's own work outside any grain (health reports, sweeps, probes); only a holder of a signing key can be a silo.
/// </summary>
public enum PrincipalKind
{
    Agent,
    Service,
    Operator,
    Silo,
}
