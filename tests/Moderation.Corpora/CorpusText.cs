using Moderation.Contracts;

namespace Moderation.Corpora;

public enum CorpusSplit
{
    Train,
    Calibration,
    Test,
}

/// <summary>One labelled text from a public corpus (or the team's own examples).</summary>
/// <remarks>
/// Labels holds ONLY the categories this source actually labels (1 or 0); a category absent from
/// Labels is unknown for this text, not negative. A positive sub-category always comes with a
/// positive parent (harassment/threatening ⇒ harassment, …).
/// </remarks>
public sealed record CorpusText(
    string Source,
    string Id,
    string Text,
    ContentKind Kind,
    CorpusSplit Split,
    IReadOnlyDictionary<string, int> Labels,
    string? Group = null);

/// <summary>Where a source comes from and how its labels were mapped; the data card is written from these.</summary>
/// <param name="Name">Stable short id, the <see cref="CorpusText.Source"/> of its texts.</param>
/// <param name="Repository">owner/name of the public repository, or "(this repository)" for the team's examples.</param>
/// <param name="Folder">Folder under the corpora root, or null for the team's examples.</param>
/// <param name="Commit">The commit the files were taken at (MANIFEST.tsv); null when the corpora folder was not found.</param>
/// <param name="Licence">Licence as MANIFEST.tsv states it.</param>
/// <param name="Categories">The categories this source labels (known 0 or 1 for at least some of its texts).</param>
/// <param name="Mapping">One line: how the source's own labels became categories.</param>
/// <param name="Loaded">False for a source that holds no texts to learn from (a lexicon).</param>
public sealed record CorpusSource(
    string Name,
    string Repository,
    string? Folder,
    string? Commit,
    string Licence,
    IReadOnlyList<string> Categories,
    string Mapping,
    bool Loaded = true);
