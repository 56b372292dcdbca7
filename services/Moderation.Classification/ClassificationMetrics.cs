using System.Diagnostics.Metrics;

namespace Moderation.Classification;

public sealed class ClassificationMetrics
{
    public const string MeterName = "Moderation.Classification";

    public ClassificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Classified = meter.CreateCounter<long>("moderation.submissions.classified", description: "Submissions classified, by kind and verdict.");
        EncodedTexts = meter.CreateCounter<long>("moderation.encoder.texts", description: "Texts the sentence encoder read.");
        EncodedWindows = meter.CreateCounter<long>("moderation.encoder.windows", description: "Windows the sentence encoder read (a long text is several).");
        ScreenedTexts = meter.CreateCounter<long>("moderation.encoder.screened", description: "Texts the cascade settled without the encoder; with moderation.encoder.texts, the share the encoder sees.");
        EncoderSeconds = meter.CreateHistogram<double>("moderation.encoder.duration", unit: "s", description: "Time of one encoder call, for one text or a batch.");
    }

    public Counter<long> Classified { get; }

    public Counter<long> EncodedTexts { get; }

    public Counter<long> EncodedWindows { get; }

    public Counter<long> ScreenedTexts { get; }

    public Histogram<double> EncoderSeconds { get; }
}
