using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Moderation.WebConsole;

/// <summary>
/// Serves a service's web pages from resources embedded in its assembly, with the console's shared
/// style and script from this one. Embedded rather than static web assets so the pages reach every
/// host that maps them (a service, AllInOne, a test host) without a content root or a manifest.
/// Each service serves its files under <c>/console/{area}/</c>, so hosts mapping several services
/// never map one path twice.
/// </summary>
public static class WebConsolePages
{
    /// <summary>Nothing the page did not bring from this origin runs, loads or frames it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "webconsole/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>
    /// Maps each page (path to file) and every file embedded under <c>webconsole/</c> in
    /// <paramref name="assembly"/> and in the shared console, at <c>/console/{area}/{file}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder routes, string area, Assembly assembly, IReadOnlyDictionary<string, string> pages)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(pages);
        var files = ReadFiles(typeof(WebConsolePages).Assembly).Concat(ReadFiles(assembly)).ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        foreach (var (path, file) in pages)
        {
            var content = files[file];
            routes.MapGet(path, (HttpContext context) => Serve(context, file, content)).AllowAnonymous().ExcludeFromDescription();
        }

        foreach (var (name, content) in files)
        {
            routes.MapGet($"/console/{area}/{name}", (HttpContext context) => Serve(context, name, content)).AllowAnonymous().ExcludeFromDescription();
        }

        return routes;
    }

    private static IEnumerable<(string Name, byte[] Content)> ReadFiles(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            yield return (resource[ResourcePrefix.Length..], buffer.ToArray());
        }
    }

    private static IResult Serve(HttpContext context, string name, byte[] content)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(content, ContentTypes[Path.GetExtension(name)]);
    }
}
