namespace Moderation.Testing;

/// <summary>
/// The API keys configured into every host a test starts: one holder per role, the submitter
/// submitting for <see cref="Publisher"/>, and a second publisher's submitter for tests of tenancy.
/// </summary>
public static class TestKeys
{
    public const string Submitter = "test-submitter-key";
    public const string Moderator = "test-moderator-key";
    public const string SeniorModerator = "test-senior-key";
    public const string Auditor = "test-auditor-key";
    public const string Admin = "test-admin-key";

    /// <summary>The key of another publisher's submitter, who must see none of <see cref="Publisher"/>'s submissions.</summary>
    public const string OtherSubmitter = "test-other-submitter-key";

    public const string Publisher = "test-publisher";
    public const string OtherPublisher = "other-publisher";

    public static IReadOnlyDictionary<string, string?> Configuration { get; } = Build();

    private static Dictionary<string, string?> Build()
    {
        var keys = new (int Index, string Name, string Key, string Role, string? Publisher)[]
        {
            (0, "submitter", Submitter, "submitter", Publisher),
            (1, "moderator", Moderator, "moderator", null),
            (2, "senior", SeniorModerator, "senior-moderator", null),
            (3, "auditor", Auditor, "auditor", null),
            (4, "admin", Admin, "admin", null),

            // Far from the first five, so that tests adding keys of their own from index 5 on leave it alone.
            (1000, "other-submitter", OtherSubmitter, "submitter", OtherPublisher),
        };
        var config = new Dictionary<string, string?>();
        foreach (var (index, name, key, role, publisher) in keys)
        {
            config[$"Auth:ApiKeys:{index}:Name"] = name;
            config[$"Auth:ApiKeys:{index}:Key"] = key;
            config[$"Auth:ApiKeys:{index}:Roles:0"] = role;
            if (publisher is not null)
            {
                config[$"Auth:ApiKeys:{index}:Publisher"] = publisher;
            }
        }

        return config;
    }
}
