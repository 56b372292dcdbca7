using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moderation.Audit;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Testing;
using Refit;

namespace Moderation.Classification.Tests;

public sealed class TrainingApiTests : IAsyncLifetime
{
    private readonly TempSqlite _sqlite = new();

    /// <summary>The service's clock: a training run is named by the time it starts, so the test moves time on between runs.</summary>
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _policyDirectory = Path.Combine(Path.GetTempPath(), "moderation-tests", Guid.NewGuid().ToString("N"));
    private ServiceHost _host = null!;

    private string PolicyPath => Path.Combine(_policyDirectory, "policy.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_policyDirectory);
        // A model fully trusted from its first positive, so the comparison with the rules is decided by the model alone.
        await File.WriteAllTextAsync(PolicyPath, (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "policy", "default-policy.yaml")))
            .Replace("max_weight: 0.6", "max_weight: 1.0", StringComparison.Ordinal)
            .Replace("trusted_at_positives: 200", "trusted_at_positives: 1", StringComparison.Ordinal));
        _host = await ServiceHost.StartAsync("classification-training-test",
            new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = _sqlite.ConnectionString,
                ["Classification:PolicyPath"] = PolicyPath,
            },
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.AddClassification();
                b.AddAudit();
            },
            r => r.MapClassification().MapAudit());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sqlite.Dispose();
        Directory.Delete(_policyDirectory, recursive: true);
    }

    private IClassificationApi Admin => _host.Client<IClassificationApi>(TestKeys.Admin);

    /// <summary>The audit entries about no one submission: promotions and policy loads, in the order they were logged.</summary>
    private async Task<IReadOnlyList<AuditEntryView>> PlatformEntriesAsync(string eventType, int count, string what) =>
        [.. (await Eventually.GetAsync(() => _host.Client<IAuditApi>(TestKeys.Auditor).ListEntriesAsync(Guid.Empty),
            p => p.Entries.Count(e => e.EventType == eventType) >= count, TimeSpan.FromSeconds(20), what)).Entries.Where(e => e.EventType == eventType)];

    private static string DefaultVersion => Learning.DefaultModel.LoadShipped()!.Version;

    [Fact]
    public async Task Imported_examples_train_a_site_layer_that_is_promoted_and_swapped_in_without_a_restart()
    {
        const string unseen = "honestly folks like you are total flurbnicks and utter wibblegrots";
        var before = await Admin.ClassifyAsync(new ClassifyRequest(unseen, ContentKind.Comment));
        Assert.Equal(DefaultVersion, before.ModelVersion);

        var imported = await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));
        Assert.Equal(55, imported.Accepted);
        var again = await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));
        Assert.Equal(55, again.Duplicates);

        var run = await Admin.StartTrainingRunAsync();
        Assert.True(run.Promoted);
        Assert.Equal(DefaultVersion, run.ComparedWith);
        Assert.Equal([Categories.Harassment], run.PromotedCategories);
        Assert.True(run.Categories[Categories.Harassment].Promoted);
        Assert.True(run.Categories[Categories.Harassment].Auprc >= run.Categories[Categories.Harassment].BaselineAuprc, System.Text.Json.JsonSerializer.Serialize(run));
        Assert.InRange(run.Categories[Categories.Harassment].Threshold!.Value, 0.0, 1.0);
        Assert.Equal(55, run.TrainingExamples + run.HeldOutExamples);
        Assert.True(run.Categories[Categories.Harassment].Positives > 0);

        var after = await Admin.ClassifyAsync(new ClassifyRequest(unseen, ContentKind.Comment));
        Assert.Equal($"{DefaultVersion}+{run.Version}", after.ModelVersion);
        Assert.True(after.Scores[Categories.Harassment] > before.Scores[Categories.Harassment], $"{before.Scores[Categories.Harassment]} -> {after.Scores[Categories.Harassment]} {System.Text.Json.JsonSerializer.Serialize(run)}");
        Assert.NotEqual(Verdict.Allow, after.Verdict);
        Assert.Contains(after.Reasons, r => r.Category == Categories.Harassment && r.Source == $"model:{run.Version}");
        var calm = await Admin.ClassifyAsync(new ClassifyRequest("the library opens next week", ContentKind.Comment));
        Assert.Equal(Verdict.Allow, calm.Verdict);

        var models = await Admin.ListModelsAsync();
        Assert.Equal(run.Version, models.Promoted);
        Assert.Equal(run.MacroAuprc, Assert.Single(models.Models).MacroAuprc);
    }

    [Fact]
    public async Task A_promotion_is_logged_with_the_admin_who_started_the_run_as_its_actor()
    {
        await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));

        var run = await Admin.StartTrainingRunAsync();

        Assert.True(run.Promoted);
        var promotion = Assert.Single(await PlatformEntriesAsync(nameof(ModelPromoted), 1, "the promotion's audit entry"));
        Assert.Equal("admin:admin", promotion.Actor);
        Assert.Equal((run.Version, Categories.Harassment, DefaultVersion),
            (promotion.Data["version"], promotion.Data["promotedCategories"], promotion.Data["comparedWith"]));
    }

    [Fact]
    public async Task Another_replica_on_the_same_store_loads_the_promoted_model_and_scores_alike()
    {
        await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));
        var run = await Admin.StartTrainingRunAsync();
        Assert.True(run.Promoted);

        await using var replica = await ServiceHost.StartAsync("classification-replica-test",
            new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = _sqlite.ConnectionString,
                ["Classification:PolicyPath"] = PolicyPath,
            },
            b => b.AddClassification(), r => r.MapClassification());
        var request = new ClassifyRequest("folks like you are such grobblewarts and smell like a snorkwhistle", ContentKind.Comment);
        var onReplica = await Eventually.GetAsync(() => replica.Client<IClassificationApi>(TestKeys.Submitter).ClassifyAsync(request),
            r => r.ModelVersion.EndsWith(run.Version, StringComparison.Ordinal), what: "the replica loading the promoted model");

        var onTrainer = await Admin.ClassifyAsync(request);
        Assert.Equal(onTrainer.Scores, onReplica.Scores);
        Assert.Equal(onTrainer.Verdict, onReplica.Verdict);
    }

    [Fact]
    public async Task The_same_examples_train_the_same_model_again_which_is_no_worse_and_so_promoted()
    {
        await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));
        var first = await Admin.StartTrainingRunAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Admin.StartTrainingRunAsync();

        Assert.Equal(first.MacroAuprc, second.MacroAuprc);
        Assert.Equal($"{DefaultVersion}+{first.Version}", second.ComparedWith);
        Assert.Equal(first.MacroAuprc, second.BaselineMacroAuprc);
        Assert.True(second.Promoted);
        var models = await Admin.ListModelsAsync();
        Assert.Equal(second.Version, models.Promoted);
        Assert.Equal(2, models.Models.Count);
    }

    /// <summary>
    /// Violence labels that contradict the default model in the training part and agree with it in
    /// the held-out part: a candidate learns the opposite of what it is judged on.
    /// </summary>
    private static IEnumerable<TrainingExampleRequest> ContradictedViolence() => Enumerable.Range(0, 60).Select(i =>
    {
        var violent = i % 2 == 0;
        var text = violent ? $"he stabbed the man number {i} outside and kicked him" : $"he greeted the man number {i} outside and thanked him";
        var label = IsHeldOut(text) == violent ? 1 : 0;
        return new TrainingExampleRequest(text, new Dictionary<string, int> { [Categories.Violence] = label });
    });

    [Fact]
    public async Task A_candidate_worse_than_the_classifier_in_force_is_kept_with_its_metrics_but_not_promoted()
    {
        await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. ContradictedViolence()]));

        var run = await Admin.StartTrainingRunAsync();

        Assert.False(run.Promoted, System.Text.Json.JsonSerializer.Serialize(run));
        Assert.Empty(run.PromotedCategories!);
        Assert.True(run.Categories[Categories.Violence].Auprc < run.Categories[Categories.Violence].BaselineAuprc);
        Assert.False(run.Categories[Categories.Violence].Promoted);
        var models = await Admin.ListModelsAsync();
        Assert.Null(models.Promoted);
        Assert.Equal(run.Version, Assert.Single(models.Models).Version);
        Assert.Equal(DefaultVersion, (await Admin.ClassifyAsync(new ClassifyRequest("hello", ContentKind.Comment))).ModelVersion);
    }

    [Fact]
    public async Task Promotion_is_decided_per_category_so_a_worse_category_keeps_the_model_in_force()
    {
        await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment(), .. ContradictedViolence()]));

        var run = await Admin.StartTrainingRunAsync();

        Assert.True(run.Promoted);
        Assert.Equal([Categories.Harassment], run.PromotedCategories);
        Assert.False(run.Categories[Categories.Violence].Promoted);
        var stabbing = await Admin.ClassifyAsync(new ClassifyRequest("he stabbed the man outside and kicked him", ContentKind.Comment));
        Assert.DoesNotContain(stabbing.Reasons, r => r.Category == Categories.Violence && r.Source == $"model:{run.Version}");
    }

    [Fact]
    public async Task A_run_learns_from_the_newest_examples_when_there_are_more_than_the_cap()
    {
        await using var capped = await ServiceHost.StartAsync("classification-capped-training-test",
            new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = _sqlite.ConnectionString,
                ["Classification:PolicyPath"] = PolicyPath,
                ["Classification:MaxTrainingExamples"] = "55",
            },
            b => b.AddClassification(), r => r.MapClassification());
        var admin = capped.Client<IClassificationApi>(TestKeys.Admin);
        await admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. ContradictedViolence()]));
        await admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson([.. TrainingSamples.Harassment()]));

        var run = await admin.StartTrainingRunAsync();

        Assert.Equal(55, run.TrainingExamples + run.HeldOutExamples);
        Assert.True(run.Categories[Categories.Harassment].Positives > 0);
        Assert.False(run.Categories.TryGetValue(Categories.Violence, out var violence) && violence.Positives > 0,
            "the older violence examples were left out");
    }

    /// <summary>The documented split: an example is held out when the first byte of the SHA-256 of its id is a multiple of 5.</summary>
    private static bool IsHeldOut(string text) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"Comment\n{text}")))))[0] % 5 == 0;

    [Fact]
    public async Task Training_needs_enough_examples_and_the_admin_role()
    {
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => Admin.StartTrainingRunAsync());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var forbidden = await Assert.ThrowsAnyAsync<ApiException>(() => _host.Client<IClassificationApi>(TestKeys.Submitter).StartTrainingRunAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_import_with_a_bad_line_is_a_400_naming_it_and_stores_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationApiException>(() => Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson(
            new TrainingExampleRequest("fine text", new Dictionary<string, int> { [Categories.Spam] = 0 }),
            new TrainingExampleRequest("bad label", new Dictionary<string, int> { ["nonsense"] = 1, [Categories.Spam] = 2 }),
            new TrainingExampleRequest("", null))));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("line[2].labels", error.Content!.Errors.Keys);
        Assert.Contains("line[3].text", error.Content!.Errors.Keys);
        Assert.Contains("line[3].labels", error.Content!.Errors.Keys);
        var imported = await Admin.ImportTrainingExamplesAsync(ClassifyApiTests.Ndjson(new TrainingExampleRequest("fine text", new Dictionary<string, int> { [Categories.Spam] = 0 })));
        Assert.Equal(1, imported.Accepted);
    }

    [Fact]
    public async Task A_service_does_not_start_on_a_policy_file_it_cannot_use()
    {
        var broken = Path.Combine(_policyDirectory, "broken.yaml");
        await File.WriteAllTextAsync(broken, "version: x\nthresholds: []\n");

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ServiceHost.StartAsync("classification-broken-policy-test",
            new Dictionary<string, string?> { ["Storage:ConnectionString"] = _sqlite.ConnectionString, ["Classification:PolicyPath"] = broken },
            b => b.AddClassification(), r => r.MapClassification()));
        Assert.Contains("needs a default line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_policy_file_is_in_force_without_a_restart_and_a_bad_edit_is_refused()
    {
        var api = _host.Client<IClassificationApi>(TestKeys.Submitter);
        var original = await File.ReadAllTextAsync(PolicyPath);
        Assert.Equal("default-2026.12.08.9", (await api.ClassifyAsync(new ClassifyRequest("hello", ContentKind.Comment))).PolicyVersion);

        await File.WriteAllTextAsync(PolicyPath, original
            .Replace("version: default-2026.12.08.9", "version: site-edit-2", StringComparison.Ordinal)
            .Replace("terms: [stupid,", "terms: [zorblax, stupid,", StringComparison.Ordinal));
        var edited = await Eventually.GetAsync(() => api.ClassifyAsync(new ClassifyRequest("what a zorblax", ContentKind.Comment)),
            r => r.PolicyVersion == "site-edit-2", TimeSpan.FromSeconds(20));
        Assert.Contains(edited.Reasons, r => r.Category == Categories.Harassment);

        await File.WriteAllTextAsync(PolicyPath, original.Replace("version: default-2026.12.08.9", "version: broken-3", StringComparison.Ordinal)
            .Replace("- { review: 0.5, block: 0.9 }", "- { review: 0.95, block: 0.2 }", StringComparison.Ordinal));
        var provider = (Policy.PolicyProvider)_host.Services.GetService(typeof(Policy.PolicyProvider))!;
        Assert.False(provider.Reload());
        Assert.Equal("site-edit-2", (await api.ClassifyAsync(new ClassifyRequest("hello", ContentKind.Comment))).PolicyVersion);
    }

    [Fact]
    public async Task Each_policy_version_that_comes_into_force_is_logged_with_the_policy_file_as_actor_and_a_refused_edit_is_not()
    {
        var original = await File.ReadAllTextAsync(PolicyPath);
        var atStart = Assert.Single(await PlatformEntriesAsync(nameof(PolicyLoaded), 1, "the policy read at start"));
        Assert.Equal(("system:policy-file", "default-2026.12.08.9", await FileSha256Async()), (atStart.Actor, atStart.Data["version"], atStart.Data["contentSha256"]));
        Assert.Equal(Environment.MachineName, atStart.Data["host"]);

        await File.WriteAllTextAsync(PolicyPath, original.Replace("version: default-2026.12.08.9", "version: site-edit-2", StringComparison.Ordinal));
        var edited = (await PlatformEntriesAsync(nameof(PolicyLoaded), 2, "the edited policy"))[1];
        Assert.Equal(("system:policy-file", "site-edit-2", await FileSha256Async()), (edited.Actor, edited.Data["version"], edited.Data["contentSha256"]));

        await File.WriteAllTextAsync(PolicyPath, original.Replace("version: default-2026.12.08.9", "version: broken-3", StringComparison.Ordinal)
            .Replace("- { review: 0.5, block: 0.9 }", "- { review: 0.95, block: 0.2 }", StringComparison.Ordinal));
        Assert.False(((Policy.PolicyProvider)_host.Services.GetService(typeof(Policy.PolicyProvider))!).Reload());
        await File.WriteAllTextAsync(PolicyPath, original.Replace("version: default-2026.12.08.9", "version: site-edit-4", StringComparison.Ordinal));

        var loads = await PlatformEntriesAsync(nameof(PolicyLoaded), 3, "the policy after the refused edit");
        Assert.Equal(["default-2026.12.08.9", "site-edit-2", "site-edit-4"], loads.Select(e => e.Data["version"]));
        Assert.Equal(await FileSha256Async(), loads[2].Data["contentSha256"]);
    }

    private async Task<string> FileSha256Async() => Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(PolicyPath)));
}
