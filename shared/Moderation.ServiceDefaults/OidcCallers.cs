using System.Security.Claims;

namespace Moderation.ServiceDefaults;

/// <summary>
/// A person as the endpoints know callers, from the issuer's claims (an access token's, or the ID
/// token's at the console's sign-in): their name, the roles this platform defines (others are left
/// out) and their publisher. A submitter without a publisher is no caller at all.
/// </summary>
internal static class OidcCallers
{
    public static ClaimsPrincipal? From(ClaimsPrincipal token, OidcOptions oidc, string authenticationType)
    {
        var name = token.FindFirst(oidc.NameClaim)?.Value;
        var roles = token.FindAll(oidc.RoleClaim).Select(c => c.Value).Where(Roles.All.Contains).Distinct().ToList();
        var publisher = token.FindFirst(oidc.PublisherClaim)?.Value;
        if (string.IsNullOrWhiteSpace(name) || roles.Contains(Roles.Submitter) && string.IsNullOrWhiteSpace(publisher))
        {
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (!string.IsNullOrWhiteSpace(publisher))
        {
            claims.Add(new Claim(Publishers.ClaimType, publisher));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static string Refusal(OidcOptions oidc) =>
        $"The token names no caller in '{oidc.NameClaim}', or gives the submitter role without a publisher in '{oidc.PublisherClaim}'.";
}
