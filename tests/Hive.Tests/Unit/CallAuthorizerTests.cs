namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class CallAuthorizerTests
{
    private static readonly OperationAttribute AgentWrite = new(OperationKind.TaskStatusUpdate) { Actor = "agentId", Scope = Scopes.TasksAdmin };
    private static readonly OperationAttribute Halt = new(OperationKind.OperatorCommand) { Actor = "actor", Scope = Scopes.Halt };
    private static readonly OperationAttribute Read = new(OperationKind.Read) { Actor = Acts.Caller, Scope = Scopes.Read };
    private static readonly OperationAttribute Evaluate = new(OperationKind.OperatorCommand) { Actor = Acts.Caller, Scope = Scopes.Level };
    private static readonly OperationAttribute Register = new(OperationKind.Registration) { Actor = "spec.Id", Scope = Scopes.AgentsAdmin, GrantsRoles = "spec.Roles" };

    private static Principal Agent(string name, params string[] roles) => new(PrincipalKind.Agent, name, [], roles, [], "t", DateTimeOffset.MaxValue);

    private static Principal Service(string[] agents, params string[] roles) => new(PrincipalKind.Service, "crew", agents, roles, [], "t", DateTimeOffset.MaxValue);

    private static Principal Operator(string name, params string[] scopes) => new(PrincipalKind.Operator, name, [], [], scopes, "t", DateTimeOffset.MaxValue);

    public static TheoryData<string, Principal, OperationAttribute, string?[], string[], bool> Calls() => new()
    {
        { "an agent acts as itself", Agent("a"), AgentWrite, ["a"], [], true },
        { "an agent acts as another", Agent("a"), AgentWrite, ["b"], [], false },
        { "an agent names the hive itself", Agent("hive"), AgentWrite, ["hive"], [], false },
        { "a service acts within its pattern", Service(["crew-*"]), AgentWrite, ["crew-7"], [], true },
        { "a service acts outside its pattern", Service(["crew-*"]), AgentWrite, ["other-7"], [], false },
        { "an operator with the method's scope acts for an agent", Operator("ops", Scopes.TasksAdmin), AgentWrite, ["a"], [], true },
        { "an operator without it does not", Operator("ops", Scopes.Read), AgentWrite, ["a"], [], false },
        { "an operator halts as itself with the halt scope", Operator("ops", Scopes.Halt), Halt, ["operator:ops"], [], true },
        { "an operator halts as another operator", Operator("ops", Scopes.Halt), Halt, ["operator:nobody"], [], false },
        { "an operator halts without the halt scope", Operator("ops", Scopes.Level), Halt, ["operator:ops"], [], false },
        { "an agent halts as an operator", Agent("ops"), Halt, ["operator:ops"], [], false },
        { "a service halts as an operator", Service(["*"]), Halt, ["operator:crew"], [], false },
        { "an agent reads", Agent("a"), Read, [], [], true },
        { "an operator reads without the read scope", Operator("ops", Scopes.Halt), Read, [], [], false },
        { "an agent asks for an evaluation", Agent("a"), Evaluate, [], [], false },
        { "an agent registers itself with a granted role", Agent("a", "coder"), Register, ["a"], ["coder"], true },
        { "an agent registers itself with a role not granted", Agent("a", "coder"), Register, ["a"], ["coder", "reviewer"], false },
        { "a service registers a member with a role not granted", Service(["crew-*"], "coder"), Register, ["crew-1"], ["reviewer"], false },
        { "an operator with agents.admin registers any roles", Operator("ops", Scopes.AgentsAdmin), Register, ["a"], ["reviewer"], true },
        { "a missing actor is left to the grain's validation", Agent("a"), AgentWrite, [null], [], true },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Allows_exactly_what_the_rules_say(string call, Principal principal, OperationAttribute operation, string?[] actors, string[] roles, bool allowed)
    {
        var reason = CallAuthorizer.Check(principal, operation, actors, roles);
        Assert.True(allowed == reason is null, $"{call}: {reason ?? "allowed"}");
        if (reason is not null) Assert.Contains(principal.Id, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crew-*", "crew-1", true)]
    [InlineData("crew-*", "crew-", true)]
    [InlineData("crew-*", "crew", false)]
    [InlineData("*-worker", "a-worker", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("*", "anything", true)]
    public void Agent_patterns_match_with_star_as_any_run(string pattern, string agentId, bool matches) =>
        Assert.Equal(matches, CallAuthorizer.Matches(pattern, agentId));
}
