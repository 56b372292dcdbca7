using System.ComponentModel.DataAnnotations;

namespace Moderation.Audit.Tests;

public class AuditOptionsTests
{
    private static List<ValidationResult> Validate(AuditOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Unset_the_dashboard_watches_the_error_queues_of_the_four_services()
    {
        var options = new AuditOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(["ingestion", "classification", "review", "audit"], options.QueuesToWatch);
    }

    [Fact]
    public void A_watched_queue_list_replaces_the_default_and_a_name_no_queue_can_have_is_refused_by_name()
    {
        Assert.Equal(["audit"], new AuditOptions { WatchedQueues = ["audit"] }.QueuesToWatch);

        var refused = Assert.Single(Validate(new AuditOptions { WatchedQueues = ["audit", "two words"] }));
        Assert.Contains("'two words'", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([nameof(AuditOptions.WatchedQueues)], refused.MemberNames);
    }
}
