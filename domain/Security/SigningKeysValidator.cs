using Microsoft.Extensions.Options;

namespace Hive.Security;

/// <summary>
/// An enforcing silo needs at least one key it can sign with (its own hosted calls carry a silo credential);
/// more keys may be verify-only. One line per problem, naming the setting or file.
/// </summary>
public sealed class SigningKeysValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (options.Mode == SecurityMode.Open) return ValidateOptionsResult.Success;
        try
        {
            var keys = SigningKeyLoader.Load(options);
            if (keys.Count == 0)
                return ValidateOptionsResult.Fail($"{SecurityOptions.Section}: no signing keys. Set {SecurityOptions.Section}:Keys or {SecurityOptions.Section}:KeysPath, or {SecurityOptions.Section}:Mode=Open to run without authentication.");
            return keys.Any(k => k.CanSign)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{SecurityOptions.Section}: every key is verify-only; a silo needs one it can sign with (an HS256 secret or an ES256 private key) for its own calls.");
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message.Split(Environment.NewLine));
        }
    }
}
