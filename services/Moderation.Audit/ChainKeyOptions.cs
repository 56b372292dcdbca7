namespace Moderation.Audit;

/// <summary>One chain key in configuration: <c>Audit:ChainKeys:N:Id</c> and <c>Audit:ChainKeys:N:Secret</c> (base64).</summary>
public sealed class ChainKeyOptions
{
    public string? Id { get; set; }

    public string? Secret { get; set; }
}
