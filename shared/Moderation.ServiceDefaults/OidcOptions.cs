using System.ComponentModel.DataAnnotations;

namespace Moderation.ServiceDefaults;

/// <summary>
/// The OpenID Connect issuer people sign in with (<c>Auth:Oidc</c>). Without an <see cref="Authority"/>
/// only API keys are accepted. With one, the services also accept its JWT access tokens as
/// <c>Authorization: Bearer</c>, reading who the caller is, their roles and their publisher from
/// the claims named here.
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    /// <summary>The issuer's address; its discovery document and signing keys are read from there.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience (<c>aud</c>) an access token must name to be accepted here.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The claim that names the person: the name their decisions, leases and audit entries carry.
    /// <c>sub</c> by default because the issuer never reassigns it; a display name such as
    /// <c>preferred_username</c> reads better but can pass from one person to another.
    /// </summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>The claim holding the caller's roles (one claim per role, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding the publisher a submitter acts for.</summary>
    public string PublisherClaim { get; set; } = "publisher";

    /// <summary>Off only for an issuer on the loopback interface in development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The web console's client at the issuer. With it, the console signs people in with the
    /// authorization-code flow and PKCE and keeps the session in a cookie; without it, the console
    /// asks for an API key.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The console client's secret, when the issuer registered it as a confidential client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where the keys that protect the console's cookie are kept, shared by every service and replica
    /// behind one host (a mounted Secret, a shared volume): then one sign-in serves every console
    /// there. Unset, each process makes keys of its own, each service keeps its own session, and a
    /// session lasts only as long as the process that started it.
    /// </summary>
    public string? KeyRingDirectory { get; set; }

    public bool SignsInConsole => IsConfigured && !string.IsNullOrWhiteSpace(ClientId);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"Auth:Oidc:Authority '{Authority}' is not an http(s) address.");
        }
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            yield return new ValidationResult("Auth:Oidc:Authority is plain http: use https, or set Auth:Oidc:RequireHttpsMetadata=false for a development issuer.");
        }

        foreach (var (name, claim) in new[] { (nameof(NameClaim), NameClaim), (nameof(RoleClaim), RoleClaim), (nameof(PublisherClaim), PublisherClaim) })
        {
            if (string.IsNullOrWhiteSpace(claim))
            {
                yield return new ValidationResult($"Auth:Oidc:{name} must name a claim.");
            }
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult("Auth:Oidc:Audience is required with an Authority: a token for another audience must not be accepted here.");
        }
    }
}
