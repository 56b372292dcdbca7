namespace Moderation.Classification.Learning;

/// <summary>Why a training run could not start.</summary>
public sealed class TrainingRefusedException(string message) : Exception(message);
