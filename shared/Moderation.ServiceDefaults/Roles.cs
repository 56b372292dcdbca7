namespace Moderation.ServiceDefaults;

/// <summary>The roles an API key can carry; each is also the name of the policy that admits it.</summary>
public static class Roles
{
    public const string Submitter = "submitter";
    public const string Moderator = "moderator";
    public const string SeniorModerator = "senior-moderator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Submitter, Moderator, SeniorModerator, Auditor, Admin];
}
