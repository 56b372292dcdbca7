using System.Security.Cryptography;
using System.Text;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Classification.Policy;
using Spectre.Console;

namespace Moderation.ModelBuilder;

/// <summary>
/// Window embeddings of texts already encoded, kept in one append-only file under artifacts/ so a
/// rebuild or an evaluation encodes each corpus text once. A corpus text is encoded as the policy's
/// models read it (<see cref="ContentClassifier.ModelText(CompiledPolicy, string)"/>), and keyed by
/// the SHA-256 of that reading, how the encoder reads text and its window settings; the embeddings
/// are what the encoder gives, so the cache never changes a result, only how long it takes.
/// </summary>
public sealed class EmbeddingCache
{
    private const int EncodeChunk = 64;
    private readonly Dictionary<string, float[][]> _entries = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly string _settings;
    private readonly CompiledPolicy _policy;

    public EmbeddingCache(string directory, EncoderOptions options, CompiledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        var encoder = EncoderModelFiles.NameAt(options.Precision);
        _settings = $"{encoder}:{SentenceEncoder.TextReading}:{options.WindowTokens}:{options.WindowOverlap}:{options.MaxWindows}";
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, $"{encoder}-{SentenceEncoder.TextReading}-w{options.WindowTokens}-o{options.WindowOverlap}-m{options.MaxWindows}.bin");
        if (File.Exists(_path))
        {
            Read();
        }
    }

    public int Count => _entries.Count;

    public float[][] this[string text] => _entries[Key(ContentClassifier.ModelText(_policy, text))];

    /// <summary>Encodes the texts not yet in the cache, on every core, with a progress bar, and appends them to the file.</summary>
    public void EnsureEncoded(SentenceEncoder encoder, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var missing = texts.Select(t => ContentClassifier.ModelText(_policy, t)).Distinct(StringComparer.Ordinal).Where(t => !_entries.ContainsKey(Key(t))).OrderBy(t => t.Length).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var chunks = missing.Chunk(EncodeChunk).ToList();
        using var file = new BinaryWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read));
        var writing = new Lock();
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask($"encoding {missing.Count:N0} texts", maxValue: missing.Count);
            Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
            {
                var windows = encoder.Encode(chunk);
                lock (writing)
                {
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var key = Key(chunk[i]);
                        _entries[key] = windows[i];
                        Write(file, key, windows[i]);
                    }

                    task.Increment(chunk.Length);
                }
            });
        });
    }

    private string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_settings + "\n" + text)));

    private static void Write(BinaryWriter file, string key, float[][] windows)
    {
        file.Write(key);
        file.Write(windows.Length);
        foreach (var window in windows)
        {
            foreach (var value in window)
            {
                file.Write(value);
            }
        }
    }

    /// <summary>
    /// Reads every complete entry. A run stopped mid-write leaves a partial last entry: it is cut off
    /// here, so the next append starts on an entry's boundary, and its text is encoded again.
    /// </summary>
    private void Read()
    {
        long complete = 0;
        using (var reader = new BinaryReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
        {
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                try
                {
                    var key = reader.ReadString();
                    var windows = new float[reader.ReadInt32()][];
                    for (var w = 0; w < windows.Length; w++)
                    {
                        windows[w] = new float[SentenceEncoder.Dimension];
                        for (var d = 0; d < SentenceEncoder.Dimension; d++)
                        {
                            windows[w][d] = reader.ReadSingle();
                        }
                    }

                    _entries[key] = windows;
                    complete = reader.BaseStream.Position;
                }
                catch (EndOfStreamException)
                {
                    break;
                }
            }
        }

        using var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.Read);
        if (file.Length > complete)
        {
            file.SetLength(complete);
        }
    }
}
