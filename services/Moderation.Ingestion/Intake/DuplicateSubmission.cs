using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Intake;

/// <summary>The same content came from the same place within the duplicate window: nothing new was stored.</summary>
public sealed record DuplicateSubmission(SubmissionRecord First) : IntakeOutcome;
