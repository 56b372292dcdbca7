namespace Moderation.Classification.Learning;

/// <summary>One category's head: a logistic regression over <see cref="ModelFeatures"/> and its Platt calibration on held-out texts.</summary>
public sealed record CategoryHead(string Category, float[] Weights, double Bias, double PlattScale, double PlattOffset, int Positives);
