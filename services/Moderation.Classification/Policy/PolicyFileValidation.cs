using Microsoft.Extensions.Options;

namespace Moderation.Classification.Policy;

/// <summary>Refuses to start with a policy file that is missing or cannot be used, naming what is wrong.</summary>
public sealed class PolicyFileValidation : IValidateOptions<ClassificationOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = PolicyProvider.ResolvePath(options.PolicyPath);
        try
        {
            PolicyCompiler.Parse(File.ReadAllText(path));
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is PolicyException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Classification:PolicyPath ({path}): {ex.Message}");
        }
    }
}
