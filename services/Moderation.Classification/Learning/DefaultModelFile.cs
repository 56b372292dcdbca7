namespace Moderation.Classification.Learning;

/// <summary>
/// The shipped model as stored in <c>Model/default-model.json</c>: the heads, and the cascade's
/// screens for texts without rule evidence (<see cref="Screen"/>) and with some that no floor
/// blocks (<see cref="RuledScreen"/>), with the words of the training corpora the screens read beside
/// the encoder's own (<see cref="ScreenWords"/>), and the inverse document frequency per n-gram bucket
/// the heads' n-grams are weighted by (<see cref="NgramIdf"/>, base64 of little-endian floats).
/// <see cref="FamilyScreens"/> must also pass a text without rule evidence for it to be settled:
/// one per family of categories the corpora barely teach.
/// </summary>
public sealed record DefaultModelFile(string Version, string Encoder, int Dimension, IReadOnlyList<CategoryHead> Heads, ScreenHead? Screen = null, ScreenHead? RuledScreen = null,
    IReadOnlyList<string>? ScreenWords = null, string? NgramIdf = null, IReadOnlyList<ScreenHead>? FamilyScreens = null);
