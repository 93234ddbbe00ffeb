namespace Hive.Security;

/// <summary>
/// Gives calls a silo makes outside any grain the silo's credential, unless the caller set its own (the demo swarm runs
/// as its service). Calls between grains need none: the <see cref="CredentialFilter"/> lets them pass.
/// </summary>
public sealed class SiloCallStamp(SiloCredential credential) : IOutgoingGrainCallFilter
{
    // Async so the stamp stays on this call: the caller's own request context is left as it was.
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if ((context.SourceId is not { } source || source.IsClient()) && RequestContext.Get(HiveRequestContext.CredentialKey) is null
            && credential.Current is { } token)
            RequestContext.Set(HiveRequestContext.CredentialKey, token);
        await context.Invoke();
    }
}
