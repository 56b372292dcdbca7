using Moderation.Classification.Domain;

namespace Moderation.Classification.Tests;

public class EvasionFoldingTests
{
    [Theory]
    [InlineData("HATE", "hate")]
    [InlineData("h\u200Bate", "hate")]
    [InlineData("h\u200Ca\u200Dt\u2060e\uFEFF", "hate")]
    [InlineData("h\u00ADate", "hate")]
    [InlineData("\u04BBate", "hate")]
    [InlineData("\u0445\u0430\u0442\u0435", "xate")]
    [InlineData("\u03B1\u03C4\u03B5", "ate")]
    [InlineData("f\u057Dck y\u0585u", "fuck you")]
    [InlineData("\uFF28\uFF21\uFF34\uFF25", "hate")]
    [InlineData("\U0001D421\U0001D41A\U0001D42D\U0001D41E", "hate")]
    [InlineData("h\u00E2t\u00E9", "hate")]
    [InlineData("h4t3", "hate")]
    [InlineData("k1ll", "kill")]
    [InlineData("$h1t", "shit")]
    [InlineData("@ss", "ass")]
    [InlineData("h.a.t.e", "hate")]
    [InlineData("h a t e", "hate")]
    [InlineData("h-a-t-e", "hate")]
    [InlineData("h_a_t_e", "hate")]
    [InlineData("\uFB01ne", "fine")]
    [InlineData("id10t", "idiot")]
    [InlineData("a b.i.t.c.h", "a bitch")]
    [InlineData("I k-i-l-l", "i kill")]
    [InlineData("F U C K Y O U", "fuck you")]
    [InlineData("f.u.c.k.y.o.u", "fuck you")]
    [InlineData("g o d i e", "go die")]
    [InlineData("I will k i l l y o u", "i will kill you")]
    [InlineData("f\u03BCck", "fuck")]
    [InlineData("\u00B5", "u")]
    [InlineData("\u0192uck", "fuck")]
    [InlineData("f#ck b%tch", "f*ck b*tch")]
    public void Evasions_fold_to_plain_lower_case_latin(string input, string folded) =>
        Assert.Equal(folded, EvasionFolding.Fold(input).Text);

    [Theory]
    [InlineData("You are a WH0RE", "you are a whore")]
    [InlineData("sh!thead", "shithead")]
    [InlineData("what an id10t", "what an idiot")]
    [InlineData("a$$hole", "asshole")]
    [InlineData("h\u0430te", "hate")]
    [InlineData("h\u200Bate", "hate")]
    [InlineData("\uFF28\uFF21\uFF34\uFF25", "hate")]
    [InlineData("k i l l", "kill")]
    [InlineData("5hit for brains", "shit for brains")]
    [InlineData("$hit happens", "shit happens")]
    [InlineData("S H U T U P", "shut up")]
    public void For_reading_evasions_that_can_be_nothing_else_are_undone(string input, string read) =>
        Assert.Equal(read, EvasionFolding.ForReading(input));

    [Theory]
    [InlineData("See you at 3am, bring the mp3 and 4x4 keys", "see you at 3am, bring the mp3 and 4x4 keys")]
    [InlineData("@jon_smith92 owes me $5 for the B12 tablets", "@jon_smith92 owes me $5 for the b12 tablets")]
    [InlineData("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440", "\u043f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440")]
    [InlineData("\u03B1\u03B8\u03AE\u03BD\u03B1", "\u03B1\u03B8\u03B7\u03BD\u03B1")]
    [InlineData("4ever yours, 5am start, 7up and 3rd place", "4ever yours, 5am start, 7up and 3rd place")]
    public void For_reading_numbers_mentions_and_other_scripts_keep_their_meaning(string input, string read) =>
        Assert.Equal(read, EvasionFolding.ForReading(input));

    [Theory]
    [InlineData("I paid $500 in 2024.", "i paid $500 in 2024.")]
    [InlineData("Call 911 now!", "call 911 now!")]
    [InlineData("Wow! Great", "wow! great")]
    [InlineData("a b", "a b")]
    [InlineData("It's 24/7.", "it's 24/7.")]
    [InlineData("C# and F# code, 50% off, #news, #BuildTheWall#NoAmnesty", "c# and f# code, 50% off, #news, #buildthewall#noamnesty")]
    public void Numbers_punctuation_and_ordinary_words_stay_as_they_are(string input, string folded) =>
        Assert.Equal(folded, EvasionFolding.Fold(input).Text);

    // Only a run that is no word itself and reads as common words, one of them a pronoun or a
    // particle, is broken into them: a rare word, a name or a compound slur stays one token.
    [Theory]
    [InlineData("t h e r a p i s t", "therapist")]
    [InlineData("a s s a s s i n", "assassin")]
    [InlineData("s c u n t h o r p e", "scunthorpe")]
    [InlineData("k y s", "kys")]
    [InlineData("c u n t", "cunt")]
    [InlineData("w e t b a c k", "wetback")]
    [InlineData("s h e m a l e", "shemale")]
    public void A_word_spelled_out_whole_is_not_broken_into_others(string input, string folded) =>
        Assert.Equal(folded, EvasionFolding.Fold(input).Text);

    [Fact]
    public void Words_read_from_one_spelled_out_run_map_back_to_their_own_letters()
    {
        const string original = "F U C K Y O U";
        var folded = EvasionFolding.Fold(original);
        Assert.Equal("fuck you", folded.Text);
        Assert.Equal("F U C K", original[folded.ToOriginal(0, 4).Start..folded.ToOriginal(0, 4).End]);
        Assert.Equal("Y O U", original[folded.ToOriginal(5, 8).Start..folded.ToOriginal(5, 8).End]);
    }

    [Fact]
    public void Every_folded_character_maps_back_to_the_original_characters_it_came_from()
    {
        const string original = "Go \U0001D421\u200Bate k.i.l.l";
        var normalized = EvasionFolding.Fold(original);
        Assert.Equal("go hate kill", normalized.Text);
        var hate = normalized.Text.IndexOf("hate", StringComparison.Ordinal);
        var (start, end) = normalized.ToOriginal(hate, hate + 4);
        Assert.Equal("\U0001D421\u200Bate", original[start..end]);
        var kill = normalized.Text.IndexOf("kill", StringComparison.Ordinal);
        (start, end) = normalized.ToOriginal(kill, kill + 4);
        Assert.Equal("k.i.l.l", original[start..end]);
    }

    [Theory]
    [InlineData("kiiiill", true)]
    [InlineData("kill", false)]
    [InlineData("cocktail", false)]
    public void Letters_repeated_for_emphasis_mark_a_token_as_elongated(string word, bool elongated) =>
        Assert.Equal(elongated, Assert.Single(RuleMatcher.Tokenize(word)).Elongated);
}
