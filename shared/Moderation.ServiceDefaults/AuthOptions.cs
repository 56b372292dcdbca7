using System.ComponentModel.DataAnnotations;

namespace Moderation.ServiceDefaults;

public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    public OidcOptions Oidc { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var entry = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Key))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} needs a Name and a Key.");
            }
            else if (entry.Key.StartsWith(ApiKeyHash.Prefix, StringComparison.Ordinal) && !ApiKeyHash.IsValidHex(entry.Key[ApiKeyHash.Prefix.Length..]))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} ({entry.Name}): a sha256: key needs 64 hex digits.");
            }

            if (entry.Roles.Contains(Moderation.ServiceDefaults.Roles.Submitter) && string.IsNullOrWhiteSpace(entry.Publisher))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} ({entry.Name}): a submitter key needs the Publisher it submits for.");
            }

            foreach (var role in entry.Roles.Where(r => !Moderation.ServiceDefaults.Roles.All.Contains(r)))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} ({entry.Name}): unknown role '{role}'.");
            }
        }

        foreach (var result in Oidc.Validate(validationContext))
        {
            yield return result;
        }

        var duplicate = ApiKeys.GroupBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new ValidationResult($"Auth:ApiKeys: the name '{duplicate.Key}' is used twice.");
        }
    }
}
