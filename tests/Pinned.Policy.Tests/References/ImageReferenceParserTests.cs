using static Pinned.Policy.Tests.References.Digests;

namespace Pinned.Policy.Tests.References;

public sealed class ImageReferenceParserTests
{
    [Theory]
    [MemberData(nameof(ValidReferenceRows.All), MemberType = typeof(ValidReferenceRows))]
    public void Valid_reference_parses_into_its_normalised_parts(string input, string domain, string path, string? tag, string? digest)
    {
        Assert.True(ImageReference.TryParse(input, out var reference, out var error), error.Message);

        Assert.Equal(ReferenceErrorKind.None, error.Kind);
        Assert.Equal((domain, path, tag, digest), (reference.Domain, reference.Path, reference.Tag, reference.Digest));
        Assert.Equal(tag is not null, reference.HasTag);
        Assert.Equal(digest is not null, reference.IsPinned);
        Assert.Equal(input, reference.Original);
        Assert.Equal($"{domain}/{path}", reference.Name);
        Assert.Equal($"{domain}/{path}{(tag is null ? "" : ":" + tag)}{(digest is null ? "" : "@" + digest)}", reference.ToNormalizedString());
    }

    [Theory]
    [MemberData(nameof(ValidReferenceRows.All), MemberType = typeof(ValidReferenceRows))]
    public void Valid_reference_printed_back_parses_to_an_equal_reference(string input, string domain, string path, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(input);

        var again = ImageReference.Parse(reference.ToNormalizedString());

        Assert.Equal(reference, again);
        Assert.Equal(reference.GetHashCode(), again.GetHashCode());
        Assert.Equal((domain, path, tag, digest), (again.Domain, again.Path, again.Tag, again.Digest));
    }

    [Theory]
    [MemberData(nameof(InvalidReferenceRows.All), MemberType = typeof(InvalidReferenceRows))]
    public void Invalid_reference_is_refused_with_its_reason(string input, ReferenceErrorKind kind, string why)
    {
        Assert.False(ImageReference.TryParse(input, out var reference, out var error));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal(default, reference);
    }

    [Theory]
    [MemberData(nameof(InvalidReferenceRows.All), MemberType = typeof(InvalidReferenceRows))]
    public void Error_message_is_one_short_printable_line(string input, ReferenceErrorKind kind, string why)
    {
        _ = (kind, why);
        Assert.False(ImageReference.TryParse(input, out _, out var error));

        Assert.True(error.Message.Length <= 200, $"{error.Message.Length} characters: {error.Message}");
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || char.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate);
    }

    [Fact]
    public void Null_is_an_empty_reference()
    {
        Assert.False(ImageReference.TryParse(null, out _, out var error));
        Assert.Equal(ReferenceErrorKind.Empty, error.Kind);
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_quotes_the_reason()
    {
        var e = Assert.Throws<FormatException>(() => ImageReference.Parse("Nginx"));
        Assert.Contains("must be lowercase", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx")]
    [InlineData("nginx", "index.docker.io/library/nginx")]
    [InlineData("nginx", "docker.io/nginx")]
    [InlineData("library/nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("app@" + Sha256, "docker.io/library/app@" + Sha256)]
    public void Spellings_of_one_Docker_Hub_reference_are_equal(string a, string b)
    {
        var (left, right) = (ImageReference.Parse(a), ImageReference.Parse(b));

        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Theory]
    [InlineData("nginx", "nginx:latest")]
    [InlineData("nginx:1.27", "nginx:1.27@" + Sha256)]
    [InlineData("docker.io/nginx", "Docker.io/nginx")]
    [InlineData("library/nginx", "other/nginx")]
    [InlineData("nginx", "localhost/nginx")]
    public void Different_references_are_not_equal(string a, string b) =>
        Assert.True(ImageReference.Parse(a) != ImageReference.Parse(b));

    [Fact]
    public void Default_reference_is_empty_and_unpinned()
    {
        ImageReference reference = default;

        Assert.Equal(string.Empty, reference.Original);
        Assert.False(reference.IsPinned);
        Assert.False(reference.HasTag);
    }
}
