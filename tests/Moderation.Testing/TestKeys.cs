namespace Moderation.Testing;

/// <summary>One API key per role, configured into every host a test starts.</summary>
public static class TestKeys
{
    public const string Submitter = "test-submitter-key";
    public const string Moderator = "test-moderator-key";
    public const string SeniorModerator = "test-senior-key";
    public const string Auditor = "test-auditor-key";
    public const string Admin = "test-admin-key";

    public static IReadOnlyDictionary<string, string?> Configuration { get; } = Build();

    private static Dictionary<string, string?> Build()
    {
        var keys = new (string Name, string Key, string Role)[]
        {
            ("submitter", Submitter, "submitter"),
            ("moderator", Moderator, "moderator"),
            ("senior", SeniorModerator, "senior-moderator"),
            ("auditor", Auditor, "auditor"),
            ("admin", Admin, "admin"),
        };
        var config = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            config[$"Auth:ApiKeys:{i}:Name"] = keys[i].Name;
            config[$"Auth:ApiKeys:{i}:Key"] = keys[i].Key;
            config[$"Auth:ApiKeys:{i}:Roles:0"] = keys[i].Role;
        }

        return config;
    }
}
