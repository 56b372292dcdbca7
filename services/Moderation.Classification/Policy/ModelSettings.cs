namespace Moderation.Classification.Policy;

/// <summary>How rules and models meet.</summary>
public sealed class ModelSettings
{
    /// <summary>Categories whose rule evidence holds whatever a model says: high-precision rules such as threats, PII and spam.</summary>
    public List<string> Floors { get; set; } = [];

    /// <summary>
    /// When set, a site's learned layer puts each category's decision point at the lowest score
    /// reaching this precision on held-out labels; otherwise at its best F1.
    /// </summary>
    public double? SitePrecisionTarget { get; set; }
}
