using System.ComponentModel.DataAnnotations;

namespace Moderation.ServiceDefaults;

public sealed class ApiKeyEntry
{
    /// <summary>Who holds the key: a person, or a machine client such as a publisher's ingest job.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The key itself, or <c>sha256:&lt;hex&gt;</c> of it so no secret sits in a file.</summary>
    [Required]
    public string Key { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>The publisher the key submits for; a key with the submitter role needs one.</summary>
    public string? Publisher { get; set; }
}
