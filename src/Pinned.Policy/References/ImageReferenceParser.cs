using System.Globalization;

namespace Pinned.Policy;

/// <summary>Splits a reference into name, tag and digest and checks each against the grammar.</summary>
internal static class ImageReferenceParser
{
    public const string DockerHub = "docker.io";
    public const string LegacyDockerHub = "index.docker.io";
    public const string OfficialPrefix = "library/";
    private const int OfficialPrefixLength = 8;

    public static bool TryParse(string? text, out ImageReference reference, out ReferenceError error)
    {
        reference = default;
        if (string.IsNullOrEmpty(text))
        {
            return Fail(ReferenceErrorKind.Empty, "the reference is empty", out error);
        }

        var span = text.AsSpan();
        if (ReferenceGrammar.IsHexIdentifier(span))
        {
            return Fail(ReferenceErrorKind.HexIdentifier,
                "a 64-character hex string is an image ID, not a repository name", out error);
        }

        int at = span.IndexOf('@');
        var namePart = at < 0 ? span : span[..at];
        int digestStart = 0;
        if (at >= 0)
        {
            digestStart = at + 1;
            if (span[digestStart..].Contains('@'))
            {
                return Fail(ReferenceErrorKind.InvalidDigest,
                    "the reference has more than one '@': a reference holds at most one digest", out error);
            }

            var digestKind = ReferenceGrammar.CheckDigest(span[digestStart..]);
            if (digestKind != ReferenceErrorKind.None)
            {
                return Fail(digestKind, DescribeDigest(digestKind, span[digestStart..]), out error);
            }
        }

        int tagStart = 0, tagLength = 0;
        int colon = namePart.LastIndexOf(':');
        if (colon > namePart.LastIndexOf('/'))
        {
            tagStart = colon + 1;
            tagLength = namePart.Length - tagStart;
            if (!ReferenceGrammar.IsTag(namePart[tagStart..]))
            {
                return Fail(ReferenceErrorKind.InvalidTag, DescribeTag(namePart[tagStart..]), out error);
            }

            namePart = namePart[..colon];
        }

        if (namePart.IsEmpty)
        {
            return Fail(ReferenceErrorKind.InvalidPath, "the repository name is empty", out error);
        }

        int domainLength = DomainLength(namePart);
        if (domainLength > 0 && !ReferenceGrammar.IsDomain(namePart[..domainLength]))
        {
            return Fail(ReferenceErrorKind.InvalidDomain,
                $"'{namePart[..domainLength]}' is not a valid registry host[:port]", out error);
        }

        int pathStart = domainLength == 0 ? 0 : domainLength + 1;
        var path = namePart[pathStart..];
        if (!ReferenceGrammar.IsPath(path))
        {
            return FailPath(path, out error);
        }

        var domain = domainLength == 0 ? DockerHub.AsSpan() : namePart[..domainLength];
        bool onDockerHub = domain.SequenceEqual(DockerHub) || domain.SequenceEqual(LegacyDockerHub);
        bool official = onDockerHub && !path.Contains('/');
        // Counted on the normalised name, as distribution does: index.docker.io counts as docker.io.
        int nameLength = ReferenceGrammar.CountedNameLength(
            onDockerHub ? DockerHub.Length : domainLength, path.Length + (official ? OfficialPrefixLength : 0));
        if (nameLength > ReferenceGrammar.NameTotalLengthMax)
        {
            return Fail(ReferenceErrorKind.NameTooLong,
                ReferenceGrammar.NameLengthCountsDomain
                    ? $"the repository name is {nameLength} characters long; at most {ReferenceGrammar.NameTotalLengthMax} are allowed"
                    : $"the repository path (without the registry host) is {nameLength} characters long; at most {ReferenceGrammar.NameTotalLengthMax} are allowed",
                out error);
        }

        reference = ImageReference.Create(text, domainLength, pathStart, path.Length, tagStart, tagLength, digestStart, official);
        error = ReferenceError.None;
        return true;
    }

    /// <summary>distribution's splitDockerDomain: how long the domain part is, 0 when there is none.</summary>
    private static int DomainLength(ReadOnlySpan<char> name)
    {
        int slash = name.IndexOf('/');
        if (slash < 0)
        {
            return 0;
        }

        return ReferenceGrammar.IsDomainLike(name[..slash]) ? slash : 0;
    }

    private static bool FailPath(ReadOnlySpan<char> path, out ReferenceError error)
    {
        if (path.ContainsAnyInRange('A', 'Z'))
        {
            Span<char> lower = path.Length <= 256 ? stackalloc char[path.Length] : new char[path.Length];
            path.ToLowerInvariant(lower);
            if (ReferenceGrammar.IsPath(lower))
            {
                return Fail(ReferenceErrorKind.UppercasePath,
                    $"the repository path '{Printable(path)}' must be lowercase", out error);
            }
        }

        return Fail(ReferenceErrorKind.InvalidPath,
            $"'{Printable(path)}' is not a valid repository path (lowercase letters and digits, separated by '.', '_', '__', '-' or '/')",
            out error);
    }

    private static string DescribeTag(ReadOnlySpan<char> tag) => tag.IsEmpty
        ? "the tag after ':' is empty"
        : tag.Length > ReferenceGrammar.TagLengthMax
            ? $"the tag is {tag.Length} characters long; at most {ReferenceGrammar.TagLengthMax} are allowed"
            : $"'{Printable(tag)}' is not a valid tag (a letter, digit or '_', then letters, digits, '_', '.' or '-')";

    private static string DescribeDigest(ReferenceErrorKind kind, ReadOnlySpan<char> digest)
    {
        int colon = digest.IndexOf(':');
        if (kind == ReferenceErrorKind.UnsupportedDigestAlgorithm)
        {
            return $"digest algorithm '{Printable(digest[..colon])}' is not supported (use sha256 or sha512)";
        }

        if (colon <= 0)
        {
            return $"'{Printable(digest)}' is not a digest (expected sha256:<64 lowercase hex>)";
        }

        int expected = digest.StartsWith("sha256") ? 64 : 128;
        var hex = digest[(colon + 1)..];
        return hex.Length != expected
            ? $"the {digest[..colon]} digest has {hex.Length} hex digits; it needs exactly {expected}"
            : $"the {digest[..colon]} digest must be lowercase hex (0-9, a-f)";
    }

    /// <summary>Error messages quote the input: keep them one line, readable and bounded.</summary>
    private static string Printable(ReadOnlySpan<char> text)
    {
        const int Limit = 80;
        var shown = text.Length > Limit ? text[..Limit] : text;
        var chars = new char[shown.Length];
        for (int i = 0; i < shown.Length; i++)
        {
            chars[i] = IsInvisible(shown[i]) ? '?' : shown[i];
        }

        return text.Length > Limit ? new string(chars) + "…" : new string(chars);
    }

    // Control characters, bidi and zero-width marks (Format) and lone surrogates would garble or
    // reorder the message a person reads; they are shown as '?'.
    private static bool IsInvisible(char c) =>
        char.IsControl(c) || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool Fail(ReferenceErrorKind kind, string message, out ReferenceError error)
    {
        error = new ReferenceError(kind, message);
        return false;
    }
}
