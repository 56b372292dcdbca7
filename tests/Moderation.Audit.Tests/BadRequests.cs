using System.Net;
using Moderation.Client;
using Moderation.Testing;

namespace Moderation.Audit.Tests;

internal static class BadRequests
{
    /// <summary>An auditor's GET of <paramref name="path"/> is a 400 whose problem names <paramref name="field"/>.</summary>
    public static async Task AssertNamesFieldAsync(ServiceHost host, string path, string field)
    {
        var http = host.Http();
        http.DefaultRequestHeaders.Add(ModerationApiClients.ApiKeyHeader, TestKeys.Auditor);
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
