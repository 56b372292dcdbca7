using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.ServiceDefaults;

public sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The key itself, or <c>sha256:&lt;hex&gt;</c> of it so no secret sits in a file.</summary>
    [Required]
    public string Key { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
