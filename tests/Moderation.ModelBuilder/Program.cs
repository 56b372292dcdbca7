using Microsoft.Extensions.Options;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Policy;
using Moderation.Classification.Learning;
using Moderation.Corpora;
using Moderation.ModelBuilder;

// Builds the default model that ships in services/Moderation.Classification/Model from the public
// corpora (../shared/corpora) and the team's examples: `encode` fills the embedding cache,
// `build` trains, calibrates and writes the model and its data card (and encodes what is missing).
var command = args.Length > 0 ? args[0] : "build";
var repository = RepositoryFolder.Find();
var corporaRoot = PublicCorpora.FindRoot();
var texts = PublicCorpora.Load(corporaRoot);
Console.WriteLine($"{texts.Count:N0} texts from {texts.Select(t => t.Source).Distinct().Count()} sources in {corporaRoot}");
var options = new EncoderOptions();
using var encoder = new SentenceEncoder(Options.Create(options));
var cache = new EmbeddingCache(Path.Combine(repository, "artifacts", "encoder-cache"), options, CompiledPolicy.LoadDefault());
Console.WriteLine($"{cache.Count:N0} texts in the embedding cache");
// Only what trains or calibrates the model is encoded here; the evaluation program encodes the test splits.
cache.EnsureEncoded(encoder, texts.Where(t => t.Split != CorpusSplit.Test).Select(t => t.Text));
if (command == "encode")
{
    return 0;
}

if (command != "build")
{
    Console.Error.WriteLine("usage: Moderation.ModelBuilder [encode|build]");
    return 2;
}

var (model, reports) = DefaultModelBuild.Train(texts, cache, encoder);
var modelDirectory = Path.Combine(repository, "services", "Moderation.Classification", "Model");
Directory.CreateDirectory(modelDirectory);
using (var file = File.Create(Path.Combine(modelDirectory, "default-model.json")))
{
    DefaultModel.Write(model, file);
}

File.WriteAllText(Path.Combine(modelDirectory, "DATA-CARD.md"), DataCard.Write(model, reports, texts));
Console.WriteLine($"Wrote {model.Version} and its data card to {modelDirectory}");
return 0;
