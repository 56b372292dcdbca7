using System.Net;
using System.Text;
using System.Text.Json;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Classification.Tests;

public sealed class ClassifyApiTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync("classification-test",
            new Dictionary<string, string?>(),
            b => b.AddClassification(), r => r.MapClassification());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static StringContent Ndjson(params object[] lines) =>
        new(string.Join('\n', lines.Select(l => JsonSerializer.Serialize(l, ModerationJson.Options))), Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task A_dry_run_answers_with_verdict_scores_reasons_and_versions()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Submitter);
        var result = await api.ClassifyAsync(new ClassifyRequest("I know where you live.", ContentKind.Comment));

        Assert.Equal(Verdict.Block, result.Verdict);
        // The intimidation rule's weight (0.9) is a floor under the threat's score; the models may only add to it.
        Assert.InRange(result.Scores[Categories.HarassmentThreatening], 0.9, 1.0);
        Assert.NotEmpty(result.ModelVersion);
        Assert.NotEmpty(result.PolicyVersion);
        Assert.Equal(new EvidenceSpan(0, 21), Assert.Single(result.Reasons).Span);
    }

    [Fact]
    public async Task A_dry_run_without_text_or_kind_is_a_400_naming_both()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Submitter);
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => api.ClassifyAsync(new ClassifyRequest("", null)));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("text", error.Content!.Errors.Keys);
        Assert.Contains("kind", error.Content!.Errors.Keys);
    }

    [Fact]
    public async Task A_moderator_key_may_not_use_the_submitters_dry_run()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Moderator);
        var error = await Assert.ThrowsAnyAsync<ApiException>(() => api.ClassifyAsync(new ClassifyRequest("hello", ContentKind.Comment)));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task A_batch_dry_run_answers_one_ndjson_line_per_request_in_order()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Submitter);
        using var response = await api.ClassifyBatchAsync(Ndjson(
            new ClassifyRequest("Lovely photos, thanks!", ContentKind.Comment),
            new ClassifyRequest("I will kill you.", ContentKind.Comment),
            new ClassifyRequest("Police said two people were killed in the attack.", ContentKind.Article, "news.example")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<ClassificationResult>(l, ModerationJson.Options)!).ToList();
        Assert.Equal([Verdict.Allow, Verdict.Block, Verdict.Allow], lines.Select(l => l.Verdict));
    }

    [Fact]
    public async Task A_batch_with_a_bad_line_is_a_400_naming_the_line_and_field()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Submitter);
        using var response = await api.ClassifyBatchAsync(Ndjson(
            new ClassifyRequest("fine", ContentKind.Comment),
            new ClassifyRequest("no kind", null)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line[2].kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
