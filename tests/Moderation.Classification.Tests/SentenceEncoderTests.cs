using Moderation.Classification.Embeddings;

namespace Moderation.Classification.Tests;

public sealed class SentenceEncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    // Expected pieces are BERT's uncased BasicTokenizer + WordPiece, as the model was trained:
    // lower-cased, accents stripped after NFD, punctuation split off, any whitespace a separator,
    // then greedy longest-match WordPiece over the bert-base-uncased vocabulary (which is why
    // "unaffable" is "una ##ffa ##ble" here, not the "un ##aff ##able" of BERT's README example).
    [Theory]
    [InlineData("Café naïve RÉSUMÉ", new[] { "cafe", "naive", "resume" })]
    [InlineData("Hello,world!! (really?)", new[] { "hello", ",", "world", "!", "!", "(", "really", "?", ")" })]
    [InlineData("one\ntwo\r\n\tthree  four", new[] { "one", "two", "three", "four" })]
    [InlineData("don't", new[] { "don", "'", "t" })]
    [InlineData("unaffable", new[] { "una", "##ffa", "##ble" })]
    [InlineData("Zürich’s “quotes”", new[] { "zurich", "’", "s", "“", "quotes", "”" })]
    public void Text_is_cut_into_the_word_pieces_the_model_was_trained_on(string text, string[] expected)
    {
        Assert.Equal(expected, fixture.Pieces(text));
    }

    [Fact]
    public void Each_window_is_one_normalised_embedding_and_a_long_text_has_several()
    {
        var shortText = "Thanks for the write-up.";
        var longText = string.Join(' ', Enumerable.Repeat("The council met on Tuesday to discuss the budget and the library.", 40));
        var windows = fixture.Encoder.Encode([shortText, longText]);

        var single = Assert.Single(windows[0]);
        Assert.Equal(SentenceEncoder.Dimension, single.Length);
        Assert.InRange(Math.Sqrt(single.Sum(v => (double)v * v)), 0.999, 1.001);
        Assert.InRange(windows[1].Length, 2, new EncoderOptions().MaxWindows);
    }

    [Fact]
    public void A_text_encodes_alike_alone_and_in_a_batch_of_others()
    {
        const string text = "I will find you and make you regret it.";
        var alone = fixture.Encoder.Encode([text])[0][0];
        var batched = fixture.Encoder.Encode(["short", text, "a rather longer sentence about the weather in the harbour this morning"])[1][0];
        Assert.All(alone.Zip(batched), pair => Assert.Equal(pair.First, pair.Second, 4));
    }

    [Fact]
    public void Texts_that_mean_alike_lie_closer_than_texts_that_do_not()
    {
        var windows = fixture.Encoder.Encode(["I am going to hurt you", "I will beat you up", "The library opens at nine"]);
        static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
        Assert.True(Cosine(windows[0][0], windows[1][0]) > Cosine(windows[0][0], windows[2][0]) + 0.2);
    }
}
