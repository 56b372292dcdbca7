using Microsoft.Extensions.Options;
using Moderation.Classification.Embeddings;

namespace Moderation.Classification.Tests;

/// <summary>One encoder for the tests of a class: loading the model takes about a second.</summary>
public sealed class EncoderFixture : IDisposable
{
    public SentenceEncoder Encoder { get; } = new(Options.Create(new EncoderOptions()));

    /// <summary>The vocabulary by id, to read word pieces back.</summary>
    public IReadOnlyList<string> Vocabulary { get; } = ReadVocabulary();

    public string[] Pieces(string text) => [.. Encoder.Tokenize(text).Select(id => Vocabulary[(int)id])];

    public void Dispose() => Encoder.Dispose();

    private static List<string> ReadVocabulary()
    {
        using var reader = EncoderModelFiles.OpenVocabulary();
        var vocabulary = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            vocabulary.Add(line);
        }

        return vocabulary;
    }
}
