using Microsoft.Data.Sqlite;
using Moderation.Review.Domain;
using Moderation.Review.Domain.Queue;

namespace Moderation.Review.Storage;

/// <summary>
/// The queue's conditions and order (<see cref="ClaimRules"/>, <see cref="ReviewQueueOrder"/>) as
/// SQLite over the review_items table, their values added to one command as parameters.
/// </summary>
internal sealed class SqliteQueueSql(SqliteCommand command)
{
    private int _parameters;

    public string Where(QueueCondition condition) => condition switch
    {
        QueueCondition.AllOf all => $"({string.Join(" AND ", all.Conditions.Select(Where))})",
        QueueCondition.AnyOf any => $"({string.Join(" OR ", any.Conditions.Select(Where))})",
        QueueCondition.Equal equal => $"{Column(equal.Field)} = {Parameter(equal.Value)}",
        QueueCondition.NotEqual notEqual => $"{Column(notEqual.Field)} IS NOT {Parameter(notEqual.Value)}",
        QueueCondition.AtOrBefore atOrBefore => $"({Column(atOrBefore.Field)} IS NOT NULL AND {Column(atOrBefore.Field)} <= {Parameter(atOrBefore.Moment)})",
        QueueCondition.After after => $"{Column(after.Field)} > {Parameter(after.Moment)}",
        QueueCondition.Lacks lacks => $"instr({Column(lacks.Field)}, '|' || {Parameter(lacks.Value)} || '|') = 0",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    public string OrderBy(DateTimeOffset now) =>
        string.Join(", ", ReviewQueueOrder.ThenBy.Select(k => k.Descending ? $"{Column(k.Field)} DESC" : Column(k.Field))
            .Prepend($"{Where(ReviewQueueOrder.Due(now))} DESC"));

    /// <summary>A value as its column holds it.</summary>
    public string Parameter(object value)
    {
        var name = $"$q{_parameters++}";
        command.Parameters.AddWithValue(name, value switch
        {
            bool flag => flag ? 1 : 0,
            ReviewItemState state => StoredState.Name(state),
            DateTimeOffset moment => moment.ToUnixTimeMilliseconds(),
            _ => value,
        });
        return name;
    }

    /// <summary>The moderators an appeal excludes, as the <c>excluded</c> column holds them (for <see cref="QueueCondition.Lacks"/>).</summary>
    public static string ExcludedList(IReadOnlyList<string> moderators) => moderators.Count == 0 ? "" : $"|{string.Join('|', moderators)}|";

    private static string Column(QueueField field) => field switch
    {
        QueueField.Queued => "queued",
        QueueField.State => "status",
        QueueField.Escalated => "escalated",
        QueueField.ClaimedBy => "claimed_by",
        QueueField.LeaseUntil => "lease_until",
        QueueField.ExcludedModerators => "excluded",
        QueueField.TopCategory => "top_category",
        QueueField.Priority => "priority",
        QueueField.DueAt => "due_at",
        QueueField.CreatedAt => "created_at",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
