using System.Collections.Concurrent;
using System.Numerics;
using FastBertTokenizer;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Moderation.Classification.Domain;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 in process (its dense layers quantised to 8 bits unless configured otherwise): WordPiece tokens (lower-cased, accents stripped, as the model was
/// trained), overlapping windows, one ONNX Runtime session shared by every caller, and the mean of
/// each window's token states, L2-normalised: one 384-number embedding per window.
/// </summary>
public sealed class SentenceEncoder : IDisposable
{
    public const int Dimension = 384;

    /// <summary>How the encoder reads a text before its tokenizer; embeddings kept from another reading are not these.</summary>
    public const string TextReading = "evasions-undone";
    private const long ClsId = 101;
    private const long SepId = 102;
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly BertTokenizer _tokenizer = new();
    private readonly InferenceSession _session;
    private readonly WordPieceVectors _wordPieces;
    private readonly EncoderOptions _options;
    private readonly int _capacity;

    /// <summary>
    /// Inferences run on a few threads of their own, one per core by default: more at once only adds
    /// memory and switching, and native allocations made from every thread-pool thread leave each
    /// thread's malloc arena holding memory (docs/performance-classification.md).
    /// </summary>
    private readonly BlockingCollection<(List<ReadOnlyMemory<long>> Sequences, TaskCompletionSource<float[][]> Done)> _inferences = [];

    private readonly Thread[] _inferenceThreads;

    public SentenceEncoder(IOptions<EncoderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        using (var vocabulary = EncoderModelFiles.OpenVocabulary())
        {
            _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        using var session = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = _options.ThreadsPerInference,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // A memory pattern is a block planned and kept per input shape; the arena alone reuses its chunks across shapes.
            EnableMemoryPattern = false,
        };

        var published = EncoderModelFiles.ModelPath(_options.ModelDirectory);
        try
        {
            _session = new InferenceSession(EncoderModelFiles.ModelPath(_options.ModelDirectory, _options.Precision), session);
            _wordPieces = WordPieceVectors.Load(published);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or Google.Protobuf.InvalidProtocolBufferException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"The encoder's model files in {Path.GetDirectoryName(published)} cannot be loaded ({ex.Message}); delete them to have them unpacked again from {EncoderModelFiles.AssemblyFile}.", ex);
        }

        _inferenceThreads = [.. Enumerable.Range(0, _options.MaxConcurrentInferences ?? Environment.ProcessorCount).Select(n =>
        {
            var thread = new Thread(Infer) { IsBackground = true, Name = $"encoder-inference-{n}" };
            thread.Start();
            return thread;
        })];
        _capacity = TokenWindows.Capacity(_options.WindowTokens, _options.WindowOverlap, _options.MaxWindows);
    }

    public string Version => EncoderModelFiles.NameAt(_options.Precision);

    /// <summary>
    /// Windows read in one inference. The int8 model quantises each layer's input with one scale for
    /// the whole call, so a window read beside others would score a little differently than alone,
    /// and a verdict would hang on what happened to arrive with it: it reads each window alone
    /// (about a tenth slower than in eights on this machine; docs/performance-classification.md).
    /// </summary>
    private int WindowsPerCall => _options.Precision == EncoderPrecision.Int8 ? 1 : _options.BatchWindows;

    /// <summary>
    /// The word pieces of a text read with its evasions undone (<see cref="EvasionFolding.ForReading"/>),
    /// [CLS] and [SEP] left out, up to what the windows can hold.
    /// </summary>
    public long[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Roughly eight characters a piece at most: a text far past the windows is not tokenized to the end.
        var cut = EvasionFolding.ForReading(text.Length > _capacity * 8 ? text[..(_capacity * 8)] : text);
        var ids = new long[_capacity + 2];
        var mask = new long[_capacity + 2];
        _tokenizer.Encode(cut, ids, mask, _capacity + 2);
        // The tokenizer pads its output to the length asked for; the attention mask says how much is text.
        var count = mask.AsSpan().IndexOf(0L) is var padding and >= 0 ? padding : mask.Length;
        var start = count > 0 && ids[0] == ClsId ? 1 : 0;
        var end = count > start && ids[count - 1] == SepId ? count - 1 : count;
        return ids[start..end];
    }

    /// <summary>The mean of the text's word-piece input vectors: what the cascade's screen reads of meaning without running the encoder.</summary>
    public float[] WordPieceMean(string text) => _wordPieces.Mean(Tokenize(text));

    /// <summary>One embedding per window of each text, in the order given, for callers that may block (offline tools, tests).</summary>
    public float[][][] Encode(IReadOnlyList<string> texts) => EncodeAsync(texts).GetAwaiter().GetResult();

    /// <summary>
    /// One embedding per window of each text, in the order given; texts are encoded together in
    /// batches on the inference threads, and the caller's thread is free meanwhile: a consumer
    /// blocking on the encoder would starve the thread pool.
    /// </summary>
    public async Task<float[][][]> EncodeAsync(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var windows = new List<(int Text, long[] Pieces, int Start, int Length)>();
        var perText = new float[texts.Count][][];
        for (var t = 0; t < texts.Count; t++)
        {
            var pieces = Tokenize(texts[t]);
            var split = TokenWindows.Split(pieces.Length, _options.WindowTokens, _options.WindowOverlap, _options.MaxWindows);
            perText[t] = new float[split.Count][];
            foreach (var (start, length) in split)
            {
                windows.Add((t, pieces, start, length));
            }
        }

        // Windows of like length go together, so a batch pads little.
        var order = Enumerable.Range(0, windows.Count).OrderBy(i => windows[i].Length).ToArray();
        // Every batch is handed to the inference threads at once, so one caller's many texts use every core.
        var batches = order.Chunk(WindowsPerCall)
            .Select(batch => (Windows: batch, Done: Submit([.. batch.Select(i => (ReadOnlyMemory<long>)windows[i].Pieces.AsMemory(windows[i].Start, windows[i].Length))])))
            .ToList();
        var filled = new int[texts.Count];
        foreach (var (batch, done) in batches)
        {
            var embeddings = await done.ConfigureAwait(false);
            for (var b = 0; b < batch.Length; b++)
            {
                var text = windows[batch[b]].Text;
                perText[text][filled[text]++] = embeddings[b];
            }
        }

        return perText;
    }

    /// <summary>Queues word-piece sequences to be encoded as one padded batch on an inference thread and pooled each into its embedding.</summary>
    private Task<float[][]> Submit(List<ReadOnlyMemory<long>> sequences)
    {
        var done = new TaskCompletionSource<float[][]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inferences.Add((sequences, done));
        return done.Task;
    }

    private void Infer()
    {
        foreach (var (sequences, done) in _inferences.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(Pool(sequences));
            }
            catch (Exception ex)
            {
                // Whatever fails belongs to the caller waiting for this batch; the thread lives on for the next.
                done.SetException(ex);
            }
        }
    }

    private float[][] Pool(List<ReadOnlyMemory<long>> sequences)
    {
        // Shapes of several rows are rounded up (rows to a power of two, tokens to a multiple of 16),
        // so ONNX Runtime meets a few dozen shapes at most and its arena stays bounded; padded rows
        // and tokens are masked out. A window read alone (always, at Int8) is not padded: padding
        // costs time, and at Int8 it would move the inputs' quantisation scale.
        var width = sequences.Count == 1 ? sequences[0].Length + 2 : (sequences.Max(s => s.Length) + 2 + 15) / 16 * 16;
        var rows = (int)BitOperations.RoundUpToPowerOf2((uint)sequences.Count);
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        var types = new long[rows * width];
        for (var r = 0; r < sequences.Count; r++)
        {
            var row = ids.AsSpan(r * width, width);
            row[0] = ClsId;
            sequences[r].Span.CopyTo(row[1..]);
            row[sequences[r].Length + 1] = SepId;
            mask.AsSpan(r * width, sequences[r].Length + 2).Fill(1);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var embeddings = new float[sequences.Count][];
        for (var r = 0; r < sequences.Count; r++)
        {
            var length = sequences[r].Length + 2;
            var pooled = new float[Dimension];
            for (var t = 0; t < length; t++)
            {
                var state = states.Slice(((r * width) + t) * Dimension, Dimension);
                for (var d = 0; d < Dimension; d++)
                {
                    pooled[d] += state[d];
                }
            }

            var norm = 0.0;
            for (var d = 0; d < Dimension; d++)
            {
                norm += pooled[d] * pooled[d];
            }

            var scale = norm == 0 ? 0f : (float)(1 / Math.Sqrt(norm));
            for (var d = 0; d < Dimension; d++)
            {
                pooled[d] *= scale;
            }

            embeddings[r] = pooled;
        }

        return embeddings;
    }

    public void Dispose()
    {
        _inferences.CompleteAdding();
        foreach (var thread in _inferenceThreads)
        {
            thread.Join();
        }

        _session.Dispose();
        _inferences.Dispose();
    }
}
