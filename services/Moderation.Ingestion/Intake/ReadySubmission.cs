using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Intake;

/// <summary>Passed every check and is ready to be stored; a batch stores its ready lines together.</summary>
public sealed record ReadySubmission(SubmissionRecord Record) : IntakeOutcome;
