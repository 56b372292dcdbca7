using System.Security.Claims;

namespace Moderation.ServiceDefaults;

/// <summary>
/// The publisher a caller acts for: the tenant its submissions, reports and appeals belong to.
/// An API key names it in configuration (<c>Auth:ApiKeys:N:Publisher</c>); a token carries it in
/// the claim <c>Auth:Oidc:PublisherClaim</c> names. Either way it reaches the endpoints as this claim.
/// </summary>
public static class Publishers
{
    public const string ClaimType = "moderation/publisher";

    public static string? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimType)?.Value;
    }
}
