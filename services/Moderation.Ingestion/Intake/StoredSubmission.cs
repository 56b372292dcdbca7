using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Intake;

/// <summary>Stored as a new submission of record and handed to the outbox.</summary>
public sealed record StoredSubmission(SubmissionRecord Record) : IntakeOutcome;
