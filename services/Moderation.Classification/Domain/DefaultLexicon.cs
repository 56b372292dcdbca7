using Moderation.Contracts;

namespace Moderation.Classification.Domain;

/// <summary>The team's starting vocabulary; whole words only, so "classic" or "assassin" never match a shorter term.</summary>
public static class DefaultLexicon
{
    public static IReadOnlyList<KeywordRule> Rules { get; } =
    [
        new(Categories.Violence, @"\b(kill(s|ed|ing)?|murder(s|ed|ing)?|stab(s|bed|bing)?|shoot(s|ing)?|bomb(s|ed|ing)?)\b", 0.45, "violent act"),
        new(Categories.Violence, @"\b(vaporized?|blown up|blow (him|her|them|you) up|bloodshed|drone strikes?)\b", 0.35, "violent act"),
        new(Categories.ViolenceGraphic, @"\b(dismember(ed|ing)?|disembowel(ed|led)?|gore|blood everywhere)\b", 0.6, "graphic violence"),
        new(Categories.HarassmentThreatening, @"\b(i|we)\s*('ll|will|am going to|'m going to|'m gonna|are going to|are gonna)\s+(kill|hurt|shoot|stab|find|destroy|end)\s+(you|him|her|them)\b", 0.9, "first-person threat"),
        new(Categories.HarassmentThreatening, @"\byou('re| are)?\s+(going to|gonna|will)\s+(die|regret this|pay for this|bleed)\b", 0.85, "threat addressed to a person"),
        new(Categories.HarassmentThreatening, @"\b(could|should|will|would|ought to)\s+be\s+(vaporized|killed|shot|murdered|stabbed|blown up|taken out|hanged)\b[^.!?\n]{0,60}\b(tonight|tomorrow|today|soon|this week)\b", 0.8, "threat with a time"),
        new(Categories.HarassmentThreatening, @"\bi know where (you|he|she|they) (live|lives|work|works)\b", 0.9, "intimidation"),
        new(Categories.Harassment, @"\b(idiot|moron|imbecile|loser|pathetic|worthless|shut up)\b", 0.35, "insult"),
        new(Categories.Hate, @"\b(subhuman|vermin|go back to your (own )?country)\b", 0.6, "dehumanising language"),
        new(Categories.HateThreatening, @"\b(exterminate|wipe out|gas) (them|all of them|every one of them)\b", 0.85, "call for violence against a group"),
        new(Categories.Illicit, @"\b(cocaine|heroin|meth(amphetamine)?|fentanyl)\b", 0.15, "drug"),
        new(Categories.Illicit, @"\b(buy|sell|selling|order) (cocaine|heroin|meth|fentanyl|pills)\b", 0.7, "drug trade"),
        new(Categories.IllicitViolent, @"\b(hire a hitman|make a bomb|build a bomb|buy a gun without)\b", 0.85, "violent wrongdoing"),
        new(Categories.SelfHarm, @"\b(self-harm|cutting myself|suicide)\b", 0.35, "self-harm"),
        new(Categories.SelfHarmIntent, @"\b(i want to die|kill myself|end my life|i don't want to live)\b", 0.85, "intent to self-harm"),
        new(Categories.SelfHarmInstructions, @"\bhow to (kill yourself|overdose|cut yourself)\b", 0.85, "self-harm instructions"),
        new(Categories.Sexual, @"\b(porn|xxx|nudes?|explicit sex)\b", 0.5, "sexual content"),
        new(Categories.SexualMinors, @"\b(child porn|underage nudes?)\b", 0.95, "sexual content involving minors"),
        new(Categories.Profanity, @"\b(fuck(ing|er|ed)?|shit(ty)?|bitch(es)?|asshole|bastard|cunt)\b", 0.5, "profanity"),
        new(Categories.Spam, @"\b(buy now|click here|free money|limited offer|act now|earn \$\d+)\b", 0.45, "spam phrase"),
        new(Categories.Spam, @"https?://\S+", 0.2, "link"),
        new(Categories.Pii, @"\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b", 0.7, "e-mail address"),
        new(Categories.Pii, @"(?<!\w)\+?\d{1,3}[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b", 0.6, "phone number"),
    ];
}
