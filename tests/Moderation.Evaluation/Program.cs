using System.Globalization;
using System.Text.Json;
using Moderation.Classification.Domain;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;

// Measures the classifier on the team's labelled evaluation set: precision, recall and F1 of
// "score >= 0.5" (the category applies), and AUPRC, per category and overall, then how often the
// policy's verdict flags what it should; first the rules alone (what a
// site without training data gets), then rules and model with the model cross-validated on the
// set (5 folds: each text is scored by a model that never saw it).
var path = args.Length > 0 ? args[0] : FindEvaluationSet();
var examples = File.ReadLines(path)
    .Where(line => !string.IsNullOrWhiteSpace(line))
    .Select(line => JsonSerializer.Deserialize<EvaluationText>(line, ModerationJson.Options)!)
    .ToList();
var policy = CompiledPolicy.LoadDefault();
Console.WriteLine($"Evaluation set: {path}");
Console.WriteLine($"{examples.Count} texts, policy {policy.Version}");

var rulesOnly = examples.Select(e => ContentClassifier.Classify(policy, null, Input(e))).ToList();
Report("Rules only (no training data)", examples, rulesOnly);

const int Folds = 5;
var models = Enumerable.Range(0, Folds)
    .Select(fold => ModelTrainer.Train($"eval-fold-{fold}", examples.Where((_, i) => i % Folds != fold).Select(e => new LabelledText(e.Kind, e.Text, e.Labels)).ToList()))
    .ToList();
var trusting = CompiledPolicy.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Moderation.Classification.ClassificationOptions.DefaultPolicyPath))
    .Replace("trusted_at_positives: 200", "trusted_at_positives: 10", StringComparison.Ordinal));
Report($"Rules + model, {Folds}-fold cross-validated on the set (model share as the default policy gives it)", examples, CrossValidated(policy));
Report($"Rules + model, {Folds}-fold cross-validated, model trusted from 10 positives (max share 0.6)", examples, CrossValidated(trusting));

// Each text is scored by the model of the fold that left it out.
List<Moderation.Client.ClassificationResult> CrossValidated(CompiledPolicy withPolicy) =>
    examples.Select((e, i) => ContentClassifier.Classify(withPolicy, models[i % Folds], Input(e))).ToList();

static ClassificationInput Input(EvaluationText e) => new(e.Kind, null, [new ContentField("body", e.Text)]);

static void Report(string title, List<EvaluationText> examples, IReadOnlyList<Moderation.Client.ClassificationResult> results)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
    Console.WriteLine($"{"category",-24} {"pos",4} {"prec",6} {"recall",6} {"F1",6} {"AUPRC",6}");
    var (tp, fp, fn) = (0, 0, 0);
    var auprcs = new List<double>();
    foreach (var category in Categories.All)
    {
        var items = examples.Select((e, i) => (Score: results[i].Scores[category], Label: e.Labels.GetValueOrDefault(category) == 1,
            Flagged: results[i].Scores[category] >= 0.5)).ToList();
        var truePositives = items.Count(x => x.Label && x.Flagged);
        var flagged = items.Count(x => x.Flagged);
        var positives = items.Count(x => x.Label);
        tp += truePositives;
        fp += flagged - truePositives;
        fn += positives - truePositives;
        var auprc = QualityMetrics.Measure(items.Select(x => (x.Score, x.Label)).ToList(), 0.5).Auprc;
        auprcs.Add(auprc);
        Console.WriteLine($"{category,-24} {positives,4} {Ratio(truePositives, flagged),6:0.000} {Ratio(truePositives, positives),6:0.000} {F1(truePositives, flagged, positives),6:0.000} {auprc,6:0.000}");
    }

    Console.WriteLine($"{"overall (micro P/R/F1, macro AUPRC)",-36} {Ratio(tp, tp + fp),6:0.000} {Ratio(tp, tp + fn),6:0.000} {F1(tp, tp + fp, tp + fn),6:0.000} {auprcs.Average(),6:0.000}");

    var shouldFlag = examples.Select(e => e.Labels.Values.Any(v => v == 1)).ToList();
    var wasFlagged = results.Select(r => r.Verdict != Verdict.Allow).ToList();
    var verdictTp = shouldFlag.Where((s, i) => s && wasFlagged[i]).Count();
    Console.WriteLine($"verdict (review or block vs any label): precision {Ratio(verdictTp, wasFlagged.Count(f => f)):0.000}, recall {Ratio(verdictTp, shouldFlag.Count(s => s)):0.000}, F1 {F1(verdictTp, wasFlagged.Count(f => f), shouldFlag.Count(s => s)):0.000}");
    foreach (var group in examples.Select((e, i) => (e.Group, i)).GroupBy(x => x.Group).Where(g => g.Key.StartsWith("hard negatives", StringComparison.Ordinal) || g.Key is "clean comments" or "evasions"))
    {
        var flaggedCount = group.Count(x => wasFlagged[x.i]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-52} flagged {flaggedCount,3} of {group.Count(),3}"));
    }
}

static double Ratio(int a, int b) => b == 0 ? 0 : a / (double)b;

static double F1(int truePositives, int flagged, int positives)
{
    var (p, r) = (Ratio(truePositives, flagged), Ratio(truePositives, positives));
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

static string FindEvaluationSet()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "tests", "evaluation", "moderation-eval.jsonl");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("tests/evaluation/moderation-eval.jsonl was not found above the working directory; pass its path as the first argument.");
}

internal sealed record EvaluationText(string Id, string Group, ContentKind Kind, string Text, Dictionary<string, int> Labels);
