namespace Moderation.Classification.Domain;

public static class QualityMetrics
{
    /// <summary>
    /// Precision, recall and F1 of "score at or above the threshold", and the area under the
    /// precision-recall curve as average precision, with tied scores taken as one step.
    /// </summary>
    public static CategoryQuality Measure(IReadOnlyList<(double Score, bool Label)> items, double threshold)
    {
        ArgumentNullException.ThrowIfNull(items);
        var positives = items.Count(i => i.Label);
        var truePositives = items.Count(i => i.Label && i.Score >= threshold);
        var flagged = items.Count(i => i.Score >= threshold);
        var precision = flagged == 0 ? 0 : truePositives / (double)flagged;
        var recall = positives == 0 ? 0 : truePositives / (double)positives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new CategoryQuality(positives, items.Count, precision, recall, f1, AveragePrecision(items, positives));
    }

    private static double AveragePrecision(IReadOnlyList<(double Score, bool Label)> items, int positives)
    {
        if (positives == 0)
        {
            return 0;
        }

        var sum = 0.0;
        var (tp, seen) = (0, 0);
        foreach (var group in items.GroupBy(i => i.Score).OrderByDescending(g => g.Key))
        {
            var groupPositives = group.Count(i => i.Label);
            tp += groupPositives;
            seen += group.Count();
            sum += groupPositives / (double)positives * (tp / (double)seen);
        }

        return sum;
    }
}
