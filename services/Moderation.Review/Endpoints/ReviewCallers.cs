using System.Security.Claims;
using Moderation.ServiceDefaults;

namespace Moderation.Review.Endpoints;

/// <summary>Who is calling the review endpoints: the moderator's name, and whether they may act at senior tier.</summary>
internal static class ReviewCallers
{
    public static string Name(ClaimsPrincipal user) => user.Identity!.Name!;

    public static bool IsSenior(ClaimsPrincipal user) => user.IsInRole(Roles.SeniorModerator) || user.IsInRole(Roles.Admin);
}
