using System.Reflection;

namespace Hive.Tests.Unit;

/// <summary>The credential filter can only hold a method to its caller if the method says who acts in it.</summary>
[Trait("Category", "Unit")]
public class OperationDeclarationTests
{
    private static IEnumerable<MethodInfo> Declared() => Hive.Tests.Security.ClientMethods.Declared;

    [Fact]
    public void Every_client_callable_method_names_who_acts_and_the_path_resolves()
    {
        var methods = Declared().ToList();
        Assert.True(methods.Count > 40, $"Only {methods.Count} declared methods found.");
        Assert.All(methods, method =>
        {
            var operation = method.GetCustomAttribute<OperationAttribute>()!;
            Assert.False(string.IsNullOrWhiteSpace(operation.Actor), $"{method.DeclaringType!.Name}.{method.Name} declares no actor.");
            ActorPath.For(method, operation.Actor);
            ActorPath.For(method, operation.GrantsRoles);
            if (operation.Scope is { } scope) Assert.Contains(scope, Scopes.All);
        });
    }

    [Fact]
    public void Operator_commands_that_name_an_actor_name_an_operator_scope()
    {
        var unscoped = Declared()
            .Where(m => m.GetCustomAttribute<OperationAttribute>() is { Kind: OperationKind.OperatorCommand, Scope: null })
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(unscoped);
    }

    [Fact]
    public void An_actor_path_to_a_missing_parameter_or_property_fails_naming_the_method()
    {
        var method = typeof(Hive.Agents.IAgentGrain).GetMethod(nameof(Hive.Agents.IAgentGrain.Register))!;

        Assert.Contains("no parameter 'nope'", Assert.Throws<InvalidOperationException>(() => ActorPath.For(method, "nope")).Message, StringComparison.Ordinal);
        Assert.Contains("no property 'Nope'", Assert.Throws<InvalidOperationException>(() => ActorPath.For(method, "spec.Nope")).Message, StringComparison.Ordinal);
        Assert.Equal(["a-1"], ActorPath.For(method, "spec.Id").Read([new Hive.Agents.AgentSpec("a-1", "A", ["coder"])], "agent/a-1"));
    }
}
