using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Learning;
using Moderation.Classification.Policy;
using Moderation.Contracts;
using Moderation.LoadDriver;

namespace Moderation.Evaluation;

/// <summary>
/// The cascade on the load driver's mix (the traffic of every throughput figure), under several run
/// tags: how much it settles without the encoder, and whether any settled verdict differs from the
/// one the encoder would have given. A tag is eight random letters on every text, so a screen
/// that reads odd tokens would settle a different share under each.
/// </summary>
public static class LoadMixCascade
{
    private const int Comments = 1_000;
    private const int Articles = 20;

    public static void Report(CompiledPolicy policy, DefaultModel model, SentenceEncoder encoder, int tags)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(encoder);
        Console.WriteLine("| run tag | comments settled | articles settled | settled verdicts that differ from the encoder's |");
        Console.WriteLine("|---|---:|---:|---:|");
        var random = new Random(11);
        for (var t = 0; t < tags; t++)
        {
            var tag = string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + random.Next(26))));
            var mix = new ContentMix(seed: 7, reviewShare: 0.1, tag);
            var inputs = Enumerable.Range(0, Comments).Select(_ => new ClassificationInput(ContentKind.Comment, null, [new ContentField("body", mix.NextComment().Body)]))
                .Concat(Enumerable.Range(0, Articles).Select(_ => mix.NextArticle())
                    .Select(a => new ClassificationInput(ContentKind.Article, null, [new ContentField("title", a.Title), new ContentField("body", a.Body)])))
                .ToList();
            var windows = encoder.Encode([.. inputs.Select(input => ContentClassifier.ModelText(policy, input))]);
            var (comments, articles, differ) = (0, 0, 0);
            for (var i = 0; i < inputs.Count; i++)
            {
                if (!ClassificationEngine.SettledWithoutEncoder(policy, model, encoder, inputs[i], ContentClassifier.FindEvidence(policy, inputs[i])))
                {
                    continue;
                }

                if (inputs[i].Kind == ContentKind.Comment)
                {
                    comments++;
                }
                else
                {
                    articles++;
                }

                var settled = ContentClassifier.Classify(policy, new ModelReading(model, null, []), inputs[i]);
                var encoded = ContentClassifier.Classify(policy, new ModelReading(model, null, windows[i]), inputs[i]);
                differ += settled.Verdict == encoded.Verdict ? 0 : 1;
            }

            Console.WriteLine($"| {tag} | {comments} of {Comments} | {articles} of {Articles} | {differ} |");
        }
    }
}
