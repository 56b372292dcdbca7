namespace Moderation.Classification.Policy;

public sealed class PiiWeights
{
    public double Email { get; set; } = 0.7;

    public double Phone { get; set; } = 0.6;

    public double PaymentCard { get; set; } = 0.9;

    public double NationalId { get; set; } = 0.8;
}
