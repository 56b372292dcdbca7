namespace Moderation.Classification.Policy;

/// <summary>A policy file that cannot be used, with every problem found in it.</summary>
public sealed class PolicyException(string message) : Exception(message);
