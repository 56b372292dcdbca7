using System.Text.RegularExpressions;

namespace Moderation.Classification.Policy;

public sealed record PatternEvidenceRule(int Category, Regex Pattern, double Weight, string Detail);
