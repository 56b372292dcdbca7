using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.Corpora;
using Moderation.Evaluation;
using Moderation.ModelBuilder;

// Measures the classifier on data it was not trained on, per source, and prints Markdown:
// the team's set; each public corpus's test split; HateCheck per functionality; XSTest's safe
// prompts; the identity-term templates; and learning from a site (TweetEval hate, EDOS) against a
// TF-IDF baseline. Rules alone against the default model throughout.
// dotnet run --project tests/Moderation.Evaluation -c Release [-- --templates N] [--zero-shot]
var templateSample = Array.IndexOf(args, "--templates") is var t and >= 0 ? int.Parse(args[t + 1], CultureInfo.InvariantCulture) : 8_000;
var zeroShotOnly = args.Contains("--zero-shot");
var repository = RepositoryFolder.Find();
var policy = CompiledPolicy.LoadDefault();
var model = DefaultModel.LoadShipped() ?? throw new InvalidOperationException("The Classification build ships no default model.");
var options = new EncoderOptions();
using var encoder = new SentenceEncoder(Options.Create(options));
var cache = new EmbeddingCache(Path.Combine(repository, "artifacts", "encoder-cache"), options, policy);
var corpora = PublicCorpora.Load(PublicCorpora.FindRoot());
var tests = corpora.Where(t => t.Split == CorpusSplit.Test)
    .Where(t => t.Source != "identity_templates" || StableSample(t.Id, templateSample, 76_564))
    .ToList();
var team = File.ReadLines(Path.Combine(repository, "tests", "evaluation", "moderation-eval.jsonl"))
    .Where(l => !string.IsNullOrWhiteSpace(l))
    .Select(l => JsonSerializer.Deserialize<TeamText>(l, ModerationJson.Options)!)
    .ToList();
cache.EnsureEncoded(encoder, tests.Select(t => t.Text).Concat(team.Select(t => t.Text)));
Console.WriteLine($"# Evaluation of `{model.Version}` with policy `{policy.Version}`");
Console.WriteLine();
Console.WriteLine("Flagged means the category's score is at or above the policy's review threshold for a comment. AUPRC is average precision.");

Scored Score(string source, string? group, ContentKind kind, string text, IReadOnlyDictionary<string, int> labels)
{
    var input = new ClassificationInput(kind, null, [new ContentField("body", text)]);
    var rules = ContentClassifier.Classify(policy, null, input);
    var settled = ClassificationEngine.SettledWithoutEncoder(policy, model, encoder, input, ContentClassifier.FindEvidence(policy, input));
    return new Scored(source, group, labels, rules with { ModelVersion = model.Version },
        ContentClassifier.Classify(policy, new ModelReading(model, null, cache[text]), input), settled);
}

// The team's own set: written beside the rules, so it flatters them; shown first and judged last.
var teamScored = team.Select(t => Score("team set", t.Group, t.Kind, t.Text, Complete(t.Labels))).ToList();
Console.WriteLine();
Console.WriteLine("## The team's set (tests/evaluation/moderation-eval.jsonl)");
Console.WriteLine();
Tables.PerSource(policy, teamScored);
var (teamRules, teamModel, teamService) = Tables.AnyAuprc(teamScored);
Console.WriteLine();
Console.WriteLine($"Any-category AUPRC (highest of {string.Join(", ", Tables.AnyCategories)}): rules {Tables.F(teamRules)}, model {Tables.F(teamModel)}, " +
    $"model behind the cascade {Tables.F(teamService)} ({Tables.F(teamScored.Count(s => s.Settled) / (double)teamScored.Count)} of texts settled without the encoder).");
Console.WriteLine();
Console.WriteLine("| group | texts | flagged, rules | flagged, model |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var group in teamScored.GroupBy(s => s.Group))
{
    Console.WriteLine($"| {group.Key} | {group.Count()} | {group.Count(s => s.Rules.Verdict != Verdict.Allow)} | {group.Count(s => s.Model.Verdict != Verdict.Allow)} |");
}

var scored = tests.Select(t => Score(t.Source, t.Group, t.Kind, t.Text, t.Labels)).ToList();
Console.WriteLine();
Console.WriteLine("## Public test splits, per source");
Console.WriteLine();
Tables.PerSource(policy, scored.Where(s => s.Source is not ("hatecheck" or "xstest" or "identity_templates")).ToList());
Console.WriteLine();
Console.WriteLine("| source | texts | settled by the cascade | any-category AUPRC: rules / model / behind the cascade |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var source in scored.GroupBy(s => s.Source))
{
    var (r, m, c) = Tables.AnyAuprc([.. source]);
    Console.WriteLine($"| {source.Key} | {source.Count()} | {Tables.F(source.Count(s => s.Settled) / (double)source.Count())} | {Tables.F(r)} / {Tables.F(m)} / {Tables.F(c)} |");
}

Console.WriteLine();
Console.WriteLine("## Texts a source labels clean, flagged per category (most of these categories the source does not label, so a flag may be right: EDOS's non-sexist posts hold threats)");
Console.WriteLine();
var cleanCategories = new[] { Categories.Sexual, Categories.Hate, Categories.Violence, Categories.Harassment, Categories.SelfHarm, Categories.Illicit };
Console.WriteLine($"| source | clean texts | {string.Join(" | ", cleanCategories.Select(c => $"{c}: rules / behind the cascade"))} |");
Console.WriteLine($"|---|---:|{string.Concat(cleanCategories.Select(_ => "---:|"))}");
foreach (var source in scored.Where(s => s.Labels.Count > 0 && s.Labels.Values.All(v => v == 0) && s.Source is not ("identity_templates" or "xstest")).GroupBy(s => s.Source))
{
    Console.WriteLine($"| {source.Key} | {source.Count()} | {string.Join(" | ", cleanCategories.Select(c => $"{Flagged(source, s => s.Rules, c)} / {Flagged(source, s => s.Service, c)}"))} |");
}

Console.WriteLine();
Console.WriteLine("## The cascade on the load driver's mix (the throughput figures' traffic), under six random run tags");
Console.WriteLine();
LoadMixCascade.Report(policy, model, encoder, tags: 6);

Console.WriteLine();
Console.WriteLine("## HateCheck: pass rate per functionality (hate flagged exactly when the case is hateful)");
Console.WriteLine();
var review = policy.ThresholdsFor(Categories.Hate, ContentKind.Comment, null).Review;
Console.WriteLine("| functionality | cases | gold | pass, rules | pass, model |");
Console.WriteLine("|---|---:|---|---:|---:|");
var hatecheck = scored.Where(s => s.Source == "hatecheck").ToList();
foreach (var functionality in hatecheck.GroupBy(s => s.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    var gold = functionality.First().Labels[Categories.Hate] == 1 ? "hateful" : "non-hateful";
    Console.WriteLine($"| {functionality.Key} | {functionality.Count()} | {gold} | {Pass(functionality, s => s.Rules)} | {Pass(functionality, s => s.Model)} |");
}

Console.WriteLine($"| **all** | {hatecheck.Count} | | {Pass(hatecheck, s => s.Rules)} | {Pass(hatecheck, s => s.Model)} |");

Console.WriteLine();
Console.WriteLine("## XSTest: prompts flagged (any category at review or above)");
Console.WriteLine();
Console.WriteLine("| type | prompts | flagged, rules | flagged, model |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var type in scored.Where(s => s.Source == "xstest").GroupBy(s => s.Group ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"| {type.Key} | {type.Count()} | {type.Count(s => s.Rules.Verdict != Verdict.Allow)} | {type.Count(s => s.Model.Verdict != Verdict.Allow)} |");
}

var safe = scored.Where(s => s.Source == "xstest" && s.Group?.StartsWith("unsafe", StringComparison.Ordinal) != true && s.Labels.Count > 0 && s.Labels.Values.All(v => v == 0)).ToList();
Console.WriteLine($"| **safe, all types** | {safe.Count} | {safe.Count(s => s.Rules.Verdict != Verdict.Allow)} | {safe.Count(s => s.Model.Verdict != Verdict.Allow)} |");

Console.WriteLine();
Console.WriteLine($"## Identity-term templates: non-toxic sentences, per identity term ({templateSample:N0} templates sampled)");
Console.WriteLine();
var templates = scored.Where(s => s.Source == "identity_templates" && s.Labels.GetValueOrDefault(Categories.Hate) == 0 && s.Group is not null).ToList();
var perTerm = templates.GroupBy(s => s.Group!).Where(g => g.Count() >= 10)
    .Select(g => (Term: g.Key, Count: g.Count(), Mean: g.Average(s => s.Model.Scores[Categories.Hate]),
        Flagged: g.Count(s => s.Model.Scores[Categories.Hate] >= review) / (double)g.Count(),
        RulesFlagged: g.Count(s => s.Rules.Scores[Categories.Hate] >= review) / (double)g.Count()))
    .OrderByDescending(t => t.Mean).ToList();
Console.WriteLine("| identity term | non-toxic templates | mean hate score, model | share flagged, model | share flagged, rules |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var term in perTerm.Take(8).Concat(perTerm.TakeLast(4)))
{
    Console.WriteLine($"| {term.Term} | {term.Count} | {Tables.F(term.Mean)} | {Tables.F(term.Flagged)} | {Tables.F(term.RulesFlagged)} |");
}

if (perTerm.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Gap between identity terms (highest − lowest mean hate score on non-toxic templates): {Tables.F(perTerm[0].Mean - perTerm[^1].Mean)}; " +
        $"share flagged ranges {Tables.F(perTerm.Min(t => t.Flagged))}–{Tables.F(perTerm.Max(t => t.Flagged))} over {perTerm.Count} terms.");
}

if (zeroShotOnly)
{
    return 0;
}

Console.WriteLine();
Console.WriteLine("## Learning from a site: the site's train split through the site layer, judged on its test split");
Console.WriteLine();
Console.WriteLine("| site data | label | train / test | method | precision | recall | F1 | weighted F1 |");
Console.WriteLine("|---|---|---:|---|---:|---:|---:|---:|");
foreach (var (source, category) in new[] { ("tweeteval_hate", Categories.Hate), ("edos", Categories.Hate), ("tweeteval_offensive", Categories.Profanity) })
{
    SiteLearning.Report(policy, model, cache, encoder, corpora.Where(t => t.Source == source).ToList(), source, category);
}

// A site whose tweets are mostly offensive and a minority hateful, as a site that labels every
// tweet would give them: MLMA's offensive, abusive and disrespectful tweets are not hate there.
var mlmaAsSite = corpora.Where(t => t.Source == "mlma")
    .Select(t => t with { Labels = new Dictionary<string, int> { [Categories.Hate] = t.Labels.GetValueOrDefault(Categories.Hate) } })
    .ToList();
SiteLearning.Report(policy, model, cache, encoder, mlmaAsSite, "mlma (hateful among offensive)", Categories.Hate);

return 0;

static string Pass(IEnumerable<Scored> cases, Func<Scored, Moderation.Classification.Domain.ClassificationOutcome> result)
{
    var list = cases.ToList();
    var passed = list.Count(s => (result(s).Scores[Categories.Hate] >= 0.5) == (s.Labels[Categories.Hate] == 1));
    return Tables.F(passed / (double)list.Count);
}

// Share of the texts whose score for the category reaches its review threshold for a comment.
string Flagged(IEnumerable<Scored> texts, Func<Scored, ClassificationOutcome> result, string category) =>
    Tables.F(texts.Average(s => result(s).Scores[category] >= policy.ThresholdsFor(category, ContentKind.Comment, null).Review ? 1 : 0));

// The team's set names only the categories that apply: every other category is a 0.
static Dictionary<string, int> Complete(Dictionary<string, int> labels) => Categories.All.ToDictionary(c => c, c => labels.GetValueOrDefault(c));

static bool StableSample(string id, int wanted, int total) =>
    (uint)id.Aggregate(17, (h, c) => unchecked((h * 31) + c)) % (uint)total < (uint)wanted;

internal sealed record TeamText(string Id, string Group, ContentKind Kind, string Text, Dictionary<string, int> Labels);
