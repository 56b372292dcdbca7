using System.Security.Cryptography;
using Microsoft.Extensions.Options;
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

    [Fact]
    public void The_quantised_encoder_reads_texts_as_the_published_model_does()
    {
        string[] texts =
        [
            "Thanks for the clear write-up. I would like to know how the council plans to pay for the second phase, though.",
            "they breed like rats and should be sent back",
            "I want to kill myself tonight, nothing matters anymore",
            "Great game last night, the defence finally held up in the second half!",
        ];
        Assert.Equal(EncoderPrecision.Int8, new EncoderOptions().Precision);
        using var published = new SentenceEncoder(Options.Create(new EncoderOptions { Precision = EncoderPrecision.Float32 }));
        var exact = published.Encode(texts);
        var quantised = fixture.Encoder.Encode(texts);

        for (var t = 0; t < texts.Length; t++)
        {
            var cosine = exact[t][0].Zip(quantised[t][0]).Sum(p => (double)p.First * p.Second);
            Assert.InRange(cosine, 0.97, 1.0001);
        }
    }

    [Fact]
    public void Quantising_the_model_twice_gives_the_same_file()
    {
        var folder = Directory.CreateTempSubdirectory("quantised-encoder-");
        try
        {
            var published = EncoderModelFiles.ModelPath("");
            var first = Path.Combine(folder.FullName, "first.onnx");
            var second = Path.Combine(folder.FullName, "second.onnx");

            Assert.Equal(36, Int8Quantization.Quantize(published, first));
            Int8Quantization.Quantize(published, second);

            Assert.Equal(SHA256.HashData(File.ReadAllBytes(first)), SHA256.HashData(File.ReadAllBytes(second)));
            Assert.True(new FileInfo(first).Length < new FileInfo(published).Length * 0.7);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_screens_word_piece_mean_is_normalised_and_places_texts_among_words_of_like_meaning()
    {
        var threat = fixture.Encoder.WordPieceMean("I will murder you");
        var alike = fixture.Encoder.WordPieceMean("we are going to kill them");
        var unlike = fixture.Encoder.WordPieceMean("the library opens on tuesday");
        static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

        Assert.Equal(SentenceEncoder.Dimension, threat.Length);
        Assert.InRange(Math.Sqrt(threat.Sum(v => (double)v * v)), 0.999, 1.001);
        Assert.True(Cosine(threat, alike) > Cosine(threat, unlike));
        Assert.All(fixture.Encoder.WordPieceMean(""), v => Assert.Equal(0f, v));
    }
}
