namespace Moderation.Classification.Learning;

/// <summary>
/// The models in force: the default model that ships in the assembly, and the site's learned layer,
/// swapped whole, so a classification in flight finishes on the layer it started with.
/// </summary>
public sealed class ModelHolder
{
    private SiteModel? _site;

    public DefaultModel? Default { get; } = DefaultModel.LoadShipped();

    public SiteModel? Site => Volatile.Read(ref _site);

    public void Swap(SiteModel site) => Volatile.Write(ref _site, site);
}
