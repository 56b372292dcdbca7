namespace Moderation.Classification.Embeddings;

/// <summary>How the encoder's weights are held when it runs.</summary>
public enum EncoderPrecision
{
    /// <summary>The model as published: 32-bit floats throughout.</summary>
    Float32,

    /// <summary>
    /// Its dense layers' weights quantised to 8-bit integers, one scale per output column, and
    /// their inputs quantised as they arrive: about 1.7 times as fast on this machine's AVX2, with
    /// embeddings within a cosine of 0.99 of the float model's (docs/performance-classification.md).
    /// </summary>
    Int8,
}
