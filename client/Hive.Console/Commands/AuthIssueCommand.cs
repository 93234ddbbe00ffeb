using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Security;

namespace Hive.Console.Commands;

/// <summary><c>hive auth issue</c>: signs a credential offline with a key the operator holds and prints it; nothing is sent to the hive.</summary>
internal static class AuthIssueCommand
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    /// <summary>The hive's default <c>Hive:Security:MaxTokenLifetime</c>: a longer credential would outlive what the hive remembers of a revocation.</summary>
    private static readonly TimeSpan MaxLifetime = new SecurityOptions().MaxTokenLifetime;

    public static Command Create(CommandRunner runner, TimeProvider clock)
    {
        var agent = new Option<string?>("--agent") { Description = "An agent credential: it acts as this agent id only." };
        var service = new Option<string?>("--service") { Description = "A service credential with this name: it acts for every agent --agents matches." };
        var @operator = new Option<string?>("--operator") { Description = "An operator credential with this name, holding --scopes." };
        var agents = Options.List("--agents", "Agent-id patterns a service acts for; * matches any run of characters ('crew-*')");
        var roles = Options.List("--roles", "Roles an agent or a service may register with");
        var scopes = Options.List("--scopes", $"Operator scopes: {string.Join(", ", Scopes.All)}");
        var ttl = Options.Duration("--ttl", $"How long it is valid (default 8h, at most {MaxLifetime.TotalDays:0} days)");
        var keyFile = new Option<string?>("--key-file") { Description = "The key to sign with: a <kid>.hs256 or <kid>.es256.pem file." };
        var keysPath = new Option<string?>("--keys-path")
        {
            Description = $"A key folder (the silos' Hive:Security:KeysPath): its newest key signs. Else {IssuingKey.KeysPathVariable}.",
        };
        var command = new Command("issue", "Sign a credential for an agent, a service or an operator with a key you hold, and print it on stdout.")
            { agent, service, @operator, agents, roles, scopes, ttl, keyFile, keysPath }
            .WithExamples(
                "hive auth issue --agent builder-1 --roles builder --ttl 8h --key-file keys/2026-01.hs256",
                "hive auth issue --service crew --agents 'crew-*' --roles builder,reviewer --keys-path /etc/hive/keys",
                "hive auth issue --operator alice --scopes halt,read --ttl 12h");
        runner.Handle(command, (context, _) =>
        {
            var principal = Principal(context.Get(agent), context.Get(service), context.Get(@operator));
            var grant = Grant(principal.Kind, principal.Name, context.Get(ttl) ?? DefaultLifetime,
                context.Get(agents) ?? [], context.Get(roles) ?? [], context.Get(scopes) ?? []);
            var key = IssuingKey.Load(context.Get(keyFile), context.Get(keysPath) ?? context.Environment.Variable(IssuingKey.KeysPathVariable));
            context.Out.Raw(HiveTokens.Issue(grant, key, clock.GetUtcNow()));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static (PrincipalKind Kind, string Name) Principal(string? agent, string? service, string? @operator)
    {
        (PrincipalKind Kind, string? Name)[] given = [(PrincipalKind.Agent, agent), (PrincipalKind.Service, service), (PrincipalKind.Operator, @operator)];
        var named = given.Where(p => p.Name is not null).ToList();
        if (named.Count != 1) throw new UsageException("Name exactly one principal: --agent ID, --service NAME or --operator NAME.");
        var (kind, name) = named[0];
        return HiveIds.IsValid(name) ? (kind, name!) : throw new UsageException($"'{name}' is not a valid id (letters, digits, '-', '_', '.').");
    }

    /// <summary>What the credential grants; options that do not fit its kind are usage errors rather than silently dropped.</summary>
    private static TokenGrant Grant(PrincipalKind kind, string name, TimeSpan ttl, string[] agents, string[] roles, string[] scopes)
    {
        if (ttl > MaxLifetime)
            throw new UsageException($"--ttl {ttl} is longer than a credential may live ({MaxLifetime.TotalDays:0} days, Hive:Security:MaxTokenLifetime).");
        if (kind == PrincipalKind.Operator)
        {
            if (agents.Length > 0 || roles.Length > 0) throw new UsageException("--agents and --roles are for agents and services; an operator holds --scopes.");
            if (scopes.Length == 0) throw new UsageException($"An operator credential needs --scopes ({string.Join(", ", Scopes.All)}).");
            if (scopes.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
                throw new UsageException($"'{unknown}' is not a scope; the scopes are {string.Join(", ", Scopes.All)}.");
            return new TokenGrant(kind, name, ttl, Scopes: scopes.Distinct().ToArray());
        }
        if (scopes.Length > 0) throw new UsageException("--scopes are for operators; agents and services hold --roles.");
        if (kind == PrincipalKind.Agent && agents.Length > 0) throw new UsageException("An agent acts as itself only; --agents is for services.");
        if (kind == PrincipalKind.Service && agents.Length == 0) throw new UsageException("A service credential needs --agents: the agent ids it acts for ('crew-*').");
        return new TokenGrant(kind, name, ttl, Agents: kind == PrincipalKind.Service ? agents : null, Roles: roles.Distinct().ToArray());
    }
}
