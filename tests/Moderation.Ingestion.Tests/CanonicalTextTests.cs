using Moderation.Ingestion.Domain;

namespace Moderation.Ingestion.Tests;

public class CanonicalTextTests
{
    [Theory]
    [InlineData("ＦＵＬＬＷＩＤＴＨ", "FULLWIDTH")]
    [InlineData("ﬁne", "fine")]
    [InlineData("line one\r\nline two\rline three", "line one\nline two\nline three")]
    [InlineData("bell\u0007 and null\u0000 removed", "bell and null removed")]
    [InlineData("  padded\t \n", "padded")]
    [InlineData("tab\tkept", "tab\tkept")]
    public void Normalize_gives_one_form_for_equivalent_text(string input, string expected) =>
        Assert.Equal(expected, CanonicalText.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u0001 ")]
    public void NormalizeOptional_turns_blank_into_null(string? input) =>
        Assert.Null(CanonicalText.NormalizeOptional(input));
}
