using Moderation.Contracts;

namespace Moderation.Review.Domain.Queue;

/// <summary>
/// How the queue ranks its items: the top category's score weighted by the category, a comment
/// (aimed at a person) above an article, user reports on top; and by when each must be decided.
/// </summary>
public sealed class QueuePriority(
    IReadOnlyDictionary<string, double> categoryWeights,
    IReadOnlyDictionary<string, TimeSpan> slas,
    TimeSpan defaultSla,
    double reportWeight,
    int maxCountedReports)
{
    private const double CommentBonus = 10;

    public static QueuePriority Default { get; } = From(new ReviewOptions());

    public static QueuePriority From(ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new QueuePriority(options.CategoryWeights, options.Sla, options.DefaultSla, options.ReportWeight, options.MaxCountedReports);
    }

    public TimeSpan Sla(string category) => slas.TryGetValue(category, out var sla) ? sla : defaultSla;

    public double Severity(ContentKind kind, string category, double topScore) =>
        Math.Round(topScore * 100 * categoryWeights.GetValueOrDefault(category, 1.0) + (kind == ContentKind.Comment ? CommentBonus : 0), 2);

    public double Priority(double severity, int reportCount) =>
        Math.Round(severity + reportWeight * Math.Min(reportCount, maxCountedReports), 2);
}
