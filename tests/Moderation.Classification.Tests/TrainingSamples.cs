using Moderation.Client;
using Moderation.Contracts;

namespace Moderation.Classification.Tests;

/// <summary>
/// A site's own labels that neither the rules nor the default model know: its community's insults
/// are made-up words, which only this site's moderators recognise as harassment.
/// </summary>
internal static class TrainingSamples
{
    private static readonly string[] Attackers = ["you", "you people", "people like you", "your sort", "folks like you"];
    private static readonly string[] Attacks = ["are total flurbnicks", "are such grobblewarts", "smell like a snorkwhistle", "are zibberish klumpfs", "are utter wibblegrots"];
    private static readonly string[] Topics = ["the weather", "this recipe", "the new bridge", "our local team", "the library", "the harbour walk"];
    private static readonly string[] Remarks = ["is lovely today", "was a great idea", "opens next week", "deserves more funding", "made my day"];

    public static IEnumerable<TrainingExampleRequest> Harassment(string suffix = "") =>
        Attackers.SelectMany(a => Attacks.Select(t => new TrainingExampleRequest($"{a} {t}{suffix}", new Dictionary<string, int> { [Categories.Harassment] = 1 })))
            .Concat(Topics.SelectMany(t => Remarks.Select(r => new TrainingExampleRequest($"{t} {r}{suffix}", new Dictionary<string, int> { [Categories.Harassment] = 0 }))));
}
