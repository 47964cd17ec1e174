using CsCheck;

namespace Pinned.Policy.Tests.References;

public sealed class ImageReferencePropertyTests
{
    [Fact]
    public void Any_string_is_valid_or_invalid_and_never_throws() =>
        Gen.String.Sample(ParsesOrExplains, iter: 20_000);

    [Fact]
    public void Strings_of_grammar_characters_never_throw() =>
        ReferenceGenerators.NearGrammar.Sample(ParsesOrExplains, iter: 20_000);

    [Fact]
    public void Valid_references_with_one_character_changed_never_throw() =>
        ReferenceGenerators.Mutated.Sample(ParsesOrExplains, iter: 20_000);

    [Fact]
    public void References_built_from_the_grammar_parse_into_their_parts() =>
        ReferenceGenerators.Valid.Sample(generated =>
        {
            Assert.True(ImageReference.TryParse(generated.Text, out var reference, out var error), $"{generated.Text}: {error.Message}");
            Assert.Equal(
                (generated.Domain, generated.Path, generated.Tag, generated.Digest),
                (reference.Domain, reference.Path, reference.Tag, reference.Digest));
        }, iter: 5_000);

    [Fact]
    public void Valid_references_printed_back_and_parsed_again_are_equal() =>
        ReferenceGenerators.Valid.Sample(generated =>
        {
            var reference = ImageReference.Parse(generated.Text);
            var normalized = reference.ToNormalizedString();

            var again = ImageReference.Parse(normalized);

            Assert.Equal(reference, again);
            Assert.Equal(reference.GetHashCode(), again.GetHashCode());
            Assert.Equal(normalized, again.ToNormalizedString());
        }, iter: 5_000);

    private static void ParsesOrExplains(string text)
    {
        if (ImageReference.TryParse(text, out var reference, out var error))
        {
            Assert.Equal(reference, ImageReference.Parse(reference.ToNormalizedString()));
        }
        else
        {
            Assert.NotEqual(ReferenceErrorKind.None, error.Kind);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }
}
