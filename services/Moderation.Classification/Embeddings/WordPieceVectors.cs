using System.Runtime.InteropServices;
using Onnx;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// The encoder's own input vector of every word piece (its word-embedding table), read once from
/// the model: the mean of a text's pieces costs microseconds where the encoder costs milliseconds,
/// and places a text among words of like meaning, which the cascade's screen reads beside its
/// n-grams. Each row is held as 8-bit integers with a scale of its own (12 MB instead of 47 MB,
/// which the Classification process's memory limit needs), plenty for a mean.
/// </summary>
public sealed class WordPieceVectors
{
    private const string TableName = "embeddings.word_embeddings.weight";
    private readonly float[] _scales;
    private readonly sbyte[] _table;

    private WordPieceVectors(float[] scales, sbyte[] table) => (_scales, _table) = (scales, table);

    public int Count => _scales.Length;

    /// <summary>The table of the model at <paramref name="modelPath"/>, from the file beside it written on first use: the rows' scales, then the rows.</summary>
    public static WordPieceVectors Load(string modelPath)
    {
        var path = Path.ChangeExtension(modelPath, "wordpieces-v2.bin");
        if (!File.Exists(path))
        {
            var (extractedScales, extractedTable) = Extract(modelPath);
            var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
            using (var output = File.Create(partial))
            {
                output.Write(BitConverter.GetBytes(extractedScales.Length));
                output.Write(MemoryMarshal.AsBytes(extractedScales.AsSpan()));
                output.Write(MemoryMarshal.AsBytes(extractedTable.AsSpan()));
            }

            File.Move(partial, path, overwrite: true);
        }

        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[sizeof(int)];
        file.ReadExactly(header);
        var rows = BitConverter.ToInt32(header);
        if (rows <= 0 || file.Length != sizeof(int) + ((long)rows * (sizeof(float) + SentenceEncoder.Dimension)))
        {
            throw new InvalidDataException($"{path} is not a table of {SentenceEncoder.Dimension} values per word piece; delete it to have it written again.");
        }

        var scales = new float[rows];
        var table = new sbyte[rows * SentenceEncoder.Dimension];
        file.ReadExactly(MemoryMarshal.AsBytes(scales.AsSpan()));
        file.ReadExactly(MemoryMarshal.AsBytes(table.AsSpan()));
        return new WordPieceVectors(scales, table);
    }

    private static (float[] Scales, sbyte[] Table) Extract(string modelPath)
    {
        ModelProto model;
        using (var input = File.OpenRead(modelPath))
        {
            model = ModelProto.Parser.ParseFrom(input);
        }

        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == TableName && t.Dims.Count == 2 && t.Dims[1] == SentenceEncoder.Dimension)
            ?? throw new InvalidDataException($"{modelPath} holds no {TableName} of {SentenceEncoder.Dimension} columns.");
        var values = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span);
        var rows = values.Length / SentenceEncoder.Dimension;
        var scales = new float[rows];
        var table = new sbyte[values.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * SentenceEncoder.Dimension, SentenceEncoder.Dimension);
            var largest = 0f;
            foreach (var value in row)
            {
                largest = Math.Max(largest, Math.Abs(value));
            }

            scales[r] = largest == 0 ? 1 : largest / 127;
            for (var d = 0; d < row.Length; d++)
            {
                table[(r * SentenceEncoder.Dimension) + d] = (sbyte)Math.Clamp((int)MathF.Round(row[d] / scales[r]), -127, 127);
            }
        }

        return (scales, table);
    }

    /// <summary>The L2-normalised mean of the pieces' vectors; zeros for no pieces.</summary>
    public float[] Mean(ReadOnlySpan<long> pieces)
    {
        var mean = new float[SentenceEncoder.Dimension];
        foreach (var piece in pieces)
        {
            var row = _table.AsSpan((int)piece * SentenceEncoder.Dimension, SentenceEncoder.Dimension);
            var scale = _scales[(int)piece];
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += row[d] * scale;
            }
        }

        var norm = 0.0;
        foreach (var value in mean)
        {
            norm += value * value;
        }

        var normalise = norm == 0 ? 0f : (float)(1 / Math.Sqrt(norm));
        for (var d = 0; d < mean.Length; d++)
        {
            mean[d] *= normalise;
        }

        return mean;
    }
}
