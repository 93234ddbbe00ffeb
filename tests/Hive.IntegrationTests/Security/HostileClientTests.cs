namespace Hive.Tests.Security;

/// <summary>
/// Integration (real PostgreSQL and Redis, a real silo process with authentication on): every client-callable method of
/// every grain interface, found by reflection, called by a raw Orleans client over the real gateway with plausible
/// arguments aimed at real entities, with each credential the hive must refuse. Each method and case is a test line of
/// its own; each checks the error code, that the refusal is the credential filter's, and that a snapshot of the hive
/// read before and after the call is the same. Cases a method's <see cref="OperationAttribute"/> makes impossible are
/// listed, with the reason, by <see cref="A_case_the_declaration_rules_out_is_listed_with_its_reason"/>.
/// </summary>
[Trait("Category", "Process")]
[Collection(HostileSiloCollection.Name)]
public sealed class HostileClientTests(HostileSiloFixture hive, ITestOutputHelper output)
{
    public const string AnotherAgent = "another-agent";
    public const string UngrantedRole = "ungranted-role";
    public const string MissingScope = "missing-scope";

    private static readonly Dictionary<string, (string? Token, string Says)> Unauthenticated = new()
    {
        ["no-credential"] = (null, "carries no credential"),
        ["expired"] = (HostileSiloFixture.Expired, "expired"),
        ["revoked"] = (HostileSiloFixture.Revoked, "revoked"),
        ["unknown-key"] = (HostileSiloFixture.UnknownKey, "not signed by a key this hive holds"),
        ["forged-signature"] = (HostileSiloFixture.ForgedSignature, "not signed by a key this hive holds"),
    };

    /// <summary>Legitimate calls that must change the snapshot: the proof that it would catch a change.</summary>
    private static readonly HashSet<string> Changing =
    [
        "IAgentGrain.Heartbeat", "IAgentGrain.Restore", "ITaskGrain.Create", "ITaskGrain.Restore", "IEscalationGrain.Raise",
        "IMemoryKeyGrain.Put", "IMemoryKeyGrain.Delete", "IInboxGrain.Ack", "IHiveHealthGrain.Halt", "IHiveHealthGrain.Pin", "ITokenRevocationGrain.Revoke",
    ];

    public static TheoryData<string, string> UnauthenticatedCases() => Rows(ClientMethods.Declared.SelectMany(m => Unauthenticated.Keys.Select(c => (m, c))));

    public static TheoryData<string, string> ForbiddenCases() =>
        Rows(ClientMethods.Declared.SelectMany(m => new[] { AnotherAgent, UngrantedRole, MissingScope }.Where(c => RuledOut(m, c) is null).Select(c => (m, c))));

    public static TheoryData<string, string, string> RuledOutCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in ClientMethods.Declared)
        {
            foreach (var @case in new[] { AnotherAgent, UngrantedRole, MissingScope })
            {
                if (RuledOut(method, @case) is { } reason) data.Add(ClientMethods.NameOf(method), @case, reason);
            }
        }
        return data;
    }

    public static TheoryData<string> Methods() => new(ClientMethods.Declared.Select(ClientMethods.NameOf));

    public static TheoryData<string, string> InternalMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, grain) in ClientMethods.Internal) data.Add(ClientMethods.NameOf(method), grain.Name);
        return data;
    }

    [Fact]
    public void Every_client_callable_method_has_a_plausible_call_and_every_internal_one_is_found()
    {
        var declared = ClientMethods.Declared.Select(ClientMethods.NameOf).ToList();
        Assert.True(declared.Count > 40, $"Only {declared.Count} client-callable methods found.");
        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.Empty(declared.Except(HostileCalls.All.Keys));
        Assert.Empty(HostileCalls.All.Keys.Except(declared));
        Assert.True(ClientMethods.Internal.Count > 15, $"Only {ClientMethods.Internal.Count} grain-to-grain methods found.");
        Assert.All(ClientMethods.Internal, p => Assert.Null(Attribute.GetCustomAttribute(p.Method, typeof(OperationAttribute))));
    }

    [Theory]
    [MemberData(nameof(UnauthenticatedCases))]
    public async Task A_call_without_a_valid_credential_is_unauthenticated_and_changes_nothing(string method, string credential)
    {
        var (token, says) = Unauthenticated[credential];

        var refused = await RefusedAsync(token, method, "operator:root", [hive.Targets.Role]);

        Assert.Equal(HiveErrorCodes.Unauthenticated, refused.Code);
        Assert.Contains(says, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForbiddenCases))]
    public async Task A_call_the_credential_does_not_allow_is_forbidden_and_changes_nothing(string method, string @case)
    {
        var t = hive.Targets;
        var (token, actor, roles, says) = @case switch
        {
            AnotherAgent => (HostileSiloFixture.Agent(t.Intruder, t.Role, t.Reviewer), t.Victim, new[] { t.Role }, $"agent:{t.Intruder} may not act as"),
            UngrantedRole => (HostileSiloFixture.Agent(t.Victim, t.Role), t.Victim, [t.Role, t.Reviewer], $"not granted role '{t.Reviewer}'"),
            MissingScope => (HostileSiloFixture.Operator("ops", Scopes.All.Except([ClientMethods.Operation(ClientMethods.Named(method)).Scope!])),
                "operator:ops", [t.Role], "operator:ops"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var refused = await RefusedAsync(token, method, actor, roles);

        Assert.Equal(HiveErrorCodes.Forbidden, refused.Code);
        Assert.Contains(says, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not callable", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuledOutCases))]
    public void A_case_the_declaration_rules_out_is_listed_with_its_reason(string method, string @case, string reason)
    {
        Assert.Equal(reason, RuledOut(ClientMethods.Named(method), @case));
    }

    [Theory]
    [MemberData(nameof(InternalMethods))]
    public async Task A_grain_to_grain_method_is_refused_to_a_client_with_every_scope_and_changes_nothing(string method, string grain)
    {
        var (info, type) = ClientMethods.Internal.Single(p => ClientMethods.NameOf(p.Method) == method && p.Grain.Name == grain);
        var before = await hive.SnapshotAsync(hive.Targets);

        var refused = await Assert.ThrowsAsync<HiveException>(() => hive.As(HostileSiloFixture.Root, g => InternalCalls.Call(g, hive.Targets, info, type)));

        Assert.Equal(HiveErrorCodes.Forbidden, refused.Code);
        Assert.Contains("not callable by clients", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await hive.SnapshotAsync(hive.Targets));
    }

    /// <summary>
    /// The control: the same calls with the legitimate credential pass the filter (so each refusal above is the
    /// credential's doing, not the arguments'), and the ones in <see cref="Changing"/> do change the snapshot.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task The_same_call_with_a_legitimate_credential_passes_the_filter(string method)
    {
        var before = await hive.SnapshotAsync(hive.Control);
        string outcome;
        try
        {
            await hive.As(HostileSiloFixture.Root, g => HostileCalls.All[method](new HostileCall(g, hive.Control, "operator:root", [hive.Control.Role])));
            outcome = "ok";
        }
        catch (HiveException e)
        {
            outcome = $"{e.Code}: {e.Message}";
            Assert.NotEqual(HiveErrorCodes.Unauthenticated, e.Code);
            if (e.Code == HiveErrorCodes.Forbidden)
            {
                Assert.DoesNotContain("may not", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("needs scope", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("not granted", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("not callable", e.Message, StringComparison.Ordinal);
            }
        }
        var after = await hive.SnapshotAsync(hive.Control);
        await hive.SettleHealthAsync();
        output.WriteLine($"{method}: {outcome}; snapshot {(before.SequenceEqual(after) ? "unchanged" : "changed: " + string.Join("; ", after.Except(before).Select(l => l.Split(':')[0])))}");

        if (Changing.Contains(method))
        {
            Assert.Equal("ok", outcome);
            Assert.NotEqual(before, after);
        }
    }

    private async Task<HiveException> RefusedAsync(string? token, string method, string actor, IReadOnlyList<string> roles)
    {
        var before = await hive.SnapshotAsync(hive.Targets);

        var refused = await Assert.ThrowsAsync<HiveException>(() => hive.As(token, g => HostileCalls.All[method](new HostileCall(g, hive.Targets, actor, roles))));

        Assert.Equal(before, await hive.SnapshotAsync(hive.Targets));
        return refused;
    }

    /// <summary>Why <paramref name="case"/> cannot arise for <paramref name="method"/> by its declaration; null when it can.</summary>
    private static string? RuledOut(System.Reflection.MethodInfo method, string @case)
    {
        var operation = ClientMethods.Operation(method);
        return @case switch
        {
            AnotherAgent when string.IsNullOrWhiteSpace(operation.Actor) || operation.Actor == Acts.Caller =>
                "Actor = @caller: the call names nobody to act as, so it cannot name another agent",
            UngrantedRole when operation.GrantsRoles is null => "no GrantsRoles: the call registers no role a credential must grant",
            MissingScope when operation.Scope is null => "no Scope: the method needs no operator scope to withhold",
            _ => null,
        };
    }

    private static TheoryData<string, string> Rows(IEnumerable<(System.Reflection.MethodInfo Method, string Case)> rows)
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, @case) in rows) data.Add(ClientMethods.NameOf(method), @case);
        return data;
    }
}
