using System.Runtime.InteropServices;
using Onnx;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// The encoder's own input vector of every word piece (its word-embedding table), read once from
/// the model: the mean of a text's pieces costs microseconds where the encoder costs milliseconds,
/// and places a text among words of like meaning, which the cascade's screen reads beside its
/// n-grams. Held as half-precision floats (23 MB), which is plenty for a mean.
/// </summary>
public sealed class WordPieceVectors
{
    private const string TableName = "embeddings.word_embeddings.weight";
    private readonly Half[] _table;

    private WordPieceVectors(Half[] table) => _table = table;

    public int Count => _table.Length / SentenceEncoder.Dimension;

    /// <summary>The table of the model at <paramref name="modelPath"/>, from the file beside it written on first use.</summary>
    public static WordPieceVectors Load(string modelPath)
    {
        var path = Path.ChangeExtension(modelPath, "wordpieces-v1.bin");
        if (!File.Exists(path))
        {
            var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
            using (var output = File.Create(partial))
            {
                output.Write(MemoryMarshal.AsBytes(Extract(modelPath).AsSpan()));
            }

            File.Move(partial, path, overwrite: true);
        }

        using var file = File.OpenRead(path);
        if (file.Length == 0 || file.Length % (SentenceEncoder.Dimension * 2) != 0)
        {
            throw new InvalidDataException($"{path} is not a table of {SentenceEncoder.Dimension} half floats per word piece; delete it to have it written again.");
        }

        var table = new Half[file.Length / 2];
        file.ReadExactly(MemoryMarshal.AsBytes(table.AsSpan()));
        return new WordPieceVectors(table);
    }

    private static Half[] Extract(string modelPath)
    {
        ModelProto model;
        using (var input = File.OpenRead(modelPath))
        {
            model = ModelProto.Parser.ParseFrom(input);
        }

        var table = model.Graph.Initializer.FirstOrDefault(t => t.Name == TableName && t.Dims.Count == 2 && t.Dims[1] == SentenceEncoder.Dimension)
            ?? throw new InvalidDataException($"{modelPath} holds no {TableName} of {SentenceEncoder.Dimension} columns.");
        var values = MemoryMarshal.Cast<byte, float>(table.RawData.Span);
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Half)values[i];
        }

        return halves;
    }

    /// <summary>The L2-normalised mean of the pieces' vectors; zeros for no pieces.</summary>
    public float[] Mean(ReadOnlySpan<long> pieces)
    {
        var mean = new float[SentenceEncoder.Dimension];
        foreach (var piece in pieces)
        {
            var row = _table.AsSpan((int)piece * SentenceEncoder.Dimension, SentenceEncoder.Dimension);
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += (float)row[d];
            }
        }

        var norm = 0.0;
        foreach (var value in mean)
        {
            norm += value * value;
        }

        var scale = norm == 0 ? 0f : (float)(1 / Math.Sqrt(norm));
        for (var d = 0; d < mean.Length; d++)
        {
            mean[d] *= scale;
        }

        return mean;
    }
}
