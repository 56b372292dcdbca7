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

    [Fact]
    public void Chain_keys_need_an_id_a_secret_of_32_bytes_or_more_and_an_active_key_among_them()
    {
        static ChainKeyOptions Key(string? id, int bytes) => new() { Id = id, Secret = Convert.ToBase64String(new byte[bytes]) };

        Assert.Empty(Validate(new AuditOptions { ChainKeys = [Key("k1", 32)] }));
        Assert.Empty(Validate(new AuditOptions { ChainKeys = [Key("k1", 32), Key("k2", 64)], ActiveChainKey = "k2" }));

        Assert.Contains("Secret", Assert.Single(Validate(new AuditOptions { ChainKeys = [Key("k1", 16)] })).ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Id", Assert.Single(Validate(new AuditOptions { ChainKeys = [Key("two words", 32)] })).ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Single(Validate(new AuditOptions { ChainKeys = [Key("k1", 32), Key("k1", 32)], ActiveChainKey = "k1" })).ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("names no key", Assert.Single(Validate(new AuditOptions { ChainKeys = [Key("k1", 32)], ActiveChainKey = "k9" })).ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("several", Assert.Single(Validate(new AuditOptions { ChainKeys = [Key("k1", 32), Key("k2", 32)] })).ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CheckpointSigningKey", Assert.Single(Validate(new AuditOptions { CheckpointSigningKey = "not a key" })).ErrorMessage, StringComparison.Ordinal);
    }
}
