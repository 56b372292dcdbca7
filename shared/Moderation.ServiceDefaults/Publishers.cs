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

    /// <summary>Whether <paramref name="user"/> may see what belongs to <paramref name="owner"/>: an admin sees every publisher's, anyone else only their own publisher's.</summary>
    public static bool MaySee(ClaimsPrincipal user, string? owner)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) || Of(user) is { } publisher && publisher == owner;
    }
}
