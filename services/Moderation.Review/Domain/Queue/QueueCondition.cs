namespace Moderation.Review.Domain.Queue;

/// <summary>
/// A condition on the fields of review items, written once and read three ways: the domain evaluates
/// it on an item (<see cref="IsMetBy"/>), the SQLite adapter renders it as SQL and the MongoDB adapter
/// as a filter. A missing value (no lease, no due time) meets no comparison, as in SQL and MongoDB.
/// </summary>
public abstract record QueueCondition
{
    private QueueCondition()
    {
    }

    public abstract bool IsMetBy(ReviewItem item);

    public static QueueCondition operator &(QueueCondition left, QueueCondition right) => new AllOf([left, right]);

    public static QueueCondition operator |(QueueCondition left, QueueCondition right) => new AnyOf([left, right]);

    /// <summary>The field holds <see cref="Value"/>: a bool, a <see cref="ReviewItemState"/> or a string.</summary>
    public sealed record Equal(QueueField Field, object Value) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => Equals(item.ValueOf(Field), Value);
    }

    /// <summary>The field holds anything but <see cref="Value"/>, nothing included.</summary>
    public sealed record NotEqual(QueueField Field, object Value) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => !Equals(item.ValueOf(Field), Value);
    }

    /// <summary>The field holds a moment no later than <see cref="Moment"/>.</summary>
    public sealed record AtOrBefore(QueueField Field, DateTimeOffset Moment) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => item.ValueOf(Field) is DateTimeOffset at && at <= Moment;
    }

    /// <summary>The field holds a moment later than <see cref="Moment"/>.</summary>
    public sealed record After(QueueField Field, DateTimeOffset Moment) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => item.ValueOf(Field) is DateTimeOffset at && at > Moment;
    }

    /// <summary>The list the field holds does not name <see cref="Value"/>.</summary>
    public sealed record Lacks(QueueField Field, string Value) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) =>
            item.ValueOf(Field) is IEnumerable<string> values && !values.Contains(Value, StringComparer.Ordinal);
    }

    public sealed record AllOf(IReadOnlyList<QueueCondition> Conditions) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => Conditions.All(c => c.IsMetBy(item));
    }

    public sealed record AnyOf(IReadOnlyList<QueueCondition> Conditions) : QueueCondition
    {
        public override bool IsMetBy(ReviewItem item) => Conditions.Any(c => c.IsMetBy(item));
    }
}
