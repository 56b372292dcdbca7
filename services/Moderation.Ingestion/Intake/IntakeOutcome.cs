namespace Moderation.Ingestion.Intake;

/// <summary>What became of one article or comment handed to <see cref="SubmissionIntake"/>.</summary>
public abstract record IntakeOutcome;
