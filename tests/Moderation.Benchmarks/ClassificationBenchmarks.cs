using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;

namespace Moderation.Benchmarks;

/// <summary>
/// The classification of one submission stage by stage, on one thread: the rules (folding,
/// lexicon, patterns, framings, detectors, verdict); the sentence encoder alone, per text and in
/// batches of 64 comments; and the default model's heads over windows already encoded. A stage's
/// texts per second on one core is 1 / its mean.
/// </summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks : IDisposable
{
    /// <summary>About 300 characters: a heated reader comment with an insult, a link and a threat.</summary>
    public const string CommentText =
        "Honestly this is the worst take I have read all week. You clearly did not read the report, you idiot, " +
        "the numbers are on page four: http://stats.example/report. People like you should stay off the forum. " +
        "If the council really approves this I will be at the meeting and I will make them regret it, believe me.";

    private static readonly string[] Paragraphs =
    [
        "The administration is weighing military options against the cartels, officials said on Tuesday, including drone strikes on laboratories in the north of the country. ",
        "Critics warned that strikes could kill civilians and inflame relations with a neighbour that has long rejected foreign troops on its soil. ",
        "According to the report, fentanyl seizures at the border rose by a third last year, while the number of overdose deaths fell slightly for the first time in a decade. ",
        "The president's spokesperson said that all options remained on the table and that no decision had been taken, adding that cooperation with local police had improved. ",
        "Residents of the border towns described years of violence, with kidnappings and shootings that rarely reach the national news. ",
        "Analysts said any attack on the groups would need intelligence that only the neighbouring government can provide, and that a unilateral bombing campaign would be unprecedented. ",
    ];

    private const int Batch = 64;
    private CompiledPolicy _policy = null!;
    private DefaultModel _model = null!;
    private SentenceEncoder _encoder = null!;
    private ClassificationInput _comment = null!;
    private ClassificationInput _article = null!;
    private float[][] _commentWindows = null!;
    private float[][] _articleWindows = null!;
    private List<string> _comments = null!;

    /// <summary>About 5,000 characters of news reporting.</summary>
    public static string ArticleText()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 5_000; i++)
        {
            text.Append(Paragraphs[i % Paragraphs.Length]);
        }

        return text.ToString(0, 5_000);
    }

    [GlobalSetup]
    public void Setup()
    {
        _policy = CompiledPolicy.LoadDefault();
        _comment = new ClassificationInput(ContentKind.Comment, "news.example", [new ContentField("body", CommentText)]);
        _article = new ClassificationInput(ContentKind.Article, "news.example",
            [new ContentField("title", "Administration weighs strikes on cartels"), new ContentField("body", ArticleText())]);
        _model = DefaultModel.LoadShipped() ?? throw new InvalidOperationException("The Classification build ships no default model.");
        _encoder = new SentenceEncoder(Options.Create(new EncoderOptions()));
        _commentWindows = _encoder.Encode([CommentText])[0];
        _articleWindows = _encoder.Encode([ContentClassifier.ModelText(_policy, _article)])[0];
        _comments = EvaluationSet.Load().Where(e => e.Kind == ContentKind.Comment).Select(e => e.Text).Take(Batch).ToList();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _encoder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "comment (300 chars): rules only")]
    public Verdict CommentRulesOnly() => ContentClassifier.Classify(_policy, null, _comment).Verdict;

    [Benchmark(Description = "comment (300 chars): encoder")]
    public int CommentEncoder() => _encoder.Encode([CommentText])[0].Length;

    [Benchmark(Description = "comment (300 chars): rules + default heads, encoded")]
    public Verdict CommentWithModel() => ContentClassifier.Classify(_policy, new ModelReading(_model, null, _commentWindows), _comment).Verdict;

    [Benchmark(Description = "64 team-set comments: encoder in one batch, per comment", OperationsPerInvoke = Batch)]
    public int CommentsEncodedInBatch() => _encoder.Encode(_comments).Length;

    [Benchmark(Description = "article (5,000 chars): rules only")]
    public Verdict ArticleRulesOnly() => ContentClassifier.Classify(_policy, null, _article).Verdict;

    [Benchmark(Description = "article (5,000 chars): encoder, all windows")]
    public int ArticleEncoder() => _encoder.Encode([ContentClassifier.ModelText(_policy, _article)])[0].Length;

    [Benchmark(Description = "article (5,000 chars): rules + default heads, encoded")]
    public Verdict ArticleWithModel() => ContentClassifier.Classify(_policy, new ModelReading(_model, null, _articleWindows), _article).Verdict;
}

/// <summary>The evaluation set, found above the working directory, as training data for the benchmark's model.</summary>
public static class EvaluationSet
{
    public static IEnumerable<(ContentKind Kind, string Text, Dictionary<string, int> Labels)> Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tests", "evaluation", "moderation-eval.jsonl");
            if (File.Exists(path))
            {
                return File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
                {
                    var e = JsonSerializer.Deserialize<EvaluationLine>(l, ModerationJson.Options)!;
                    return (e.Kind, e.Text, e.Labels);
                }).ToList();
            }
        }

        throw new FileNotFoundException("tests/evaluation/moderation-eval.jsonl was not found above the benchmark's binaries.");
    }

    private sealed record EvaluationLine(ContentKind Kind, string Text, Dictionary<string, int> Labels);
}
