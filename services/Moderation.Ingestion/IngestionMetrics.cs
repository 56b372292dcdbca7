using System.Diagnostics.Metrics;

namespace Moderation.Ingestion;

public sealed class IngestionMetrics
{
    public const string MeterName = "Moderation.Ingestion";

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Received = meter.CreateCounter<long>("moderation.submissions.received", description: "Submissions stored by ingestion, by kind.");
        Duplicates = meter.CreateCounter<long>("moderation.submissions.duplicates", description: "Submissions answered as duplicates of an earlier one, by kind.");
    }

    public Counter<long> Received { get; }

    public Counter<long> Duplicates { get; }
}
