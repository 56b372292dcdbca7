using Moderation.Classification.Learning;

namespace Moderation.Classification.Domain;

/// <summary>What the model side reads of one text: the default model, the site's learned layer, and one embedding per window of the text.</summary>
public sealed record ModelReading(DefaultModel Default, SiteModel? Site, float[][] Windows);
