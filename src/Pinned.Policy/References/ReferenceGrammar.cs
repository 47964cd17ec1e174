using System.Buffers;

namespace Pinned.Policy;

/// <summary>
/// The distribution/reference grammar, defined once: the alphabets, separators, lengths and digest
/// algorithms below are the definition, and both the span scans here (the parser: no regular
/// expression, no allocation) and the RE2 expression a ValidatingAdmissionPolicy needs
/// (<see cref="ReferenceRegex"/>) are built from them.
/// </summary>
internal static class ReferenceGrammar
{
    /// <summary>distribution's RepositoryNameTotalLengthMax (v0.6.0; v0.5.0 called it NameTotalLengthMax).</summary>
    public const int NameTotalLengthMax = 255;

    /// <summary>
    /// Whether the domain (and its '/') counts towards <see cref="NameTotalLengthMax"/>, or the
    /// normalised path alone: v0.6.0 (containerd 2, Docker 25+) counts the path, v0.5.0 counted both.
    /// </summary>
    public const bool NameLengthCountsDomain = false;

    /// <summary>A tag is one word character then at most 127 of word, '.' and '-'.</summary>
    public const int TagLengthMax = 128;

    /// <summary>A bare string of this many lowercase hex digits is an image ID, not a name.</summary>
    public const int HexIdentifierLength = 64;

    public const string LowerAlphaNumericChars = "abcdefghijklmnopqrstuvwxyz0123456789";
    public const string AlphaNumericChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    public const string WordCharsText = AlphaNumericChars + "_";
    public const string TagCharsText = WordCharsText + ".-";
    public const string LowerHexChars = "0123456789abcdef";
    public const string Ipv6CharsText = "0123456789abcdefABCDEF:";
    public const string DomainComponentCharsText = AlphaNumericChars + "-";
    public const string PortChars = "0123456789";

    /// <summary>Path-component separators that stand for themselves; <see cref="RepeatableSeparator"/> may also repeat.</summary>
    public static readonly string[] FixedSeparators = [".", "_", "__"];

    public const char RepeatableSeparator = '-';

    /// <summary>The digest algorithms accepted and the number of lowercase hex digits each needs.</summary>
    public static readonly (string Algorithm, int HexLength)[] DigestAlgorithms = [("sha256", 64), ("sha512", 128)];

    /// <summary>
    /// splitDockerDomain: a first component with one of these, or equal to localhost, or with an
    /// upper-case letter, is a domain. Nothing else is: a bracketed component is a domain only
    /// through its ':' (an IPv6 literal), so "[abc]/app" is a path, and an invalid one.
    /// </summary>
    public const string DomainMarkerChars = ".:";

    public const string Localhost = "localhost";

    public const char Ipv6Open = '[';

    public const char Ipv6Close = ']';

    private static readonly SearchValues<char> LowerAlphaNumeric = SearchValues.Create(LowerAlphaNumericChars);

    private static readonly SearchValues<char> AlphaNumeric = SearchValues.Create(AlphaNumericChars);

    private static readonly SearchValues<char> WordChars = SearchValues.Create(WordCharsText);

    private static readonly SearchValues<char> TagChars = SearchValues.Create(TagCharsText);

    private static readonly SearchValues<char> LowerHex = SearchValues.Create(LowerHexChars);

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create(Ipv6CharsText);

    private static readonly SearchValues<char> DomainMarkers = SearchValues.Create(DomainMarkerChars);

    /// <summary>distribution's splitDockerDomain: whether the first component of a name (before its first '/') is a domain.</summary>
    public static bool IsDomainLike(ReadOnlySpan<char> first) =>
        first.ContainsAny(DomainMarkers) || first.SequenceEqual(Localhost) || first.ContainsAnyInRange('A', 'Z');

    /// <summary>The length counted against <see cref="NameTotalLengthMax"/>, from the normalised domain and path ("library/" included).</summary>
    public static int CountedNameLength(int normalizedDomainLength, int normalizedPathLength) =>
        (NameLengthCountsDomain ? normalizedDomainLength + 1 : 0) + normalizedPathLength;

    /// <summary>
    /// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | -+ ;
    /// path := path-component ('/' path-component)*.
    /// </summary>
    public static bool IsPath(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return false;
        }

        foreach (var range in path.Split('/'))
        {
            if (!IsPathComponent(path[range]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPathComponent(ReadOnlySpan<char> component)
    {
        int i = 0;
        while (true)
        {
            int run = LengthOfRun(component[i..], LowerAlphaNumeric);
            if (run == 0)
            {
                return false;
            }

            i += run;
            if (i == component.Length)
            {
                return true;
            }

            int separator = SeparatorLength(component[i..]);
            if (separator == 0)
            {
                return false;
            }

            i += separator;
            if (i == component.Length)
            {
                return false;
            }
        }
    }

    /// <summary>The longest separator at the start of <paramref name="rest"/>, 0 when there is none.</summary>
    private static int SeparatorLength(ReadOnlySpan<char> rest)
    {
        int repeated = 0;
        while (repeated < rest.Length && rest[repeated] == RepeatableSeparator)
        {
            repeated++;
        }

        int longest = repeated;
        foreach (var separator in FixedSeparators)
        {
            if (separator.Length > longest && rest.StartsWith(separator))
            {
                longest = separator.Length;
            }
        }

        return longest;
    }

    /// <summary>
    /// domain := host (':' [0-9]+)? ; host := domain-name | '[' ipv6 ']' ;
    /// domain-name := component ('.' component)* ; component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9].
    /// </summary>
    public static bool IsDomain(ReadOnlySpan<char> domain)
    {
        ReadOnlySpan<char> host = domain;
        if (domain.StartsWith(Ipv6Open))
        {
            int close = domain.IndexOf(Ipv6Close);
            if (close < 2 || domain[1..close].ContainsAnyExcept(Ipv6Chars))
            {
                return false;
            }

            host = domain[..(close + 1)];
            return IsOptionalPort(domain[(close + 1)..]);
        }

        int colon = domain.IndexOf(':');
        if (colon >= 0)
        {
            host = domain[..colon];
            if (!IsOptionalPort(domain[colon..]))
            {
                return false;
            }
        }

        if (host.IsEmpty)
        {
            return false;
        }

        foreach (var range in host.Split('.'))
        {
            if (!IsDomainComponent(host[range]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOptionalPort(ReadOnlySpan<char> rest) =>
        rest.IsEmpty || (rest.Length > 1 && rest[0] == ':' && !rest[1..].ContainsAnyExceptInRange('0', '9'));

    private static bool IsDomainComponent(ReadOnlySpan<char> component) =>
        !component.IsEmpty
        && AlphaNumeric.Contains(component[0])
        && AlphaNumeric.Contains(component[^1])
        && !component.ContainsAnyExcept(DomainComponentChars);

    private static readonly SearchValues<char> DomainComponentChars = SearchValues.Create(DomainComponentCharsText);

    /// <summary>tag := [\w][\w.-]{0,127}.</summary>
    public static bool IsTag(ReadOnlySpan<char> tag) =>
        tag.Length is > 0 and <= TagLengthMax
        && WordChars.Contains(tag[0])
        && !tag.ContainsAnyExcept(TagChars);

    /// <summary>sha256 with 64 or sha512 with 128 lowercase hex digits; nothing else is accepted.</summary>
    public static ReferenceErrorKind CheckDigest(ReadOnlySpan<char> digest)
    {
        int colon = digest.IndexOf(':');
        if (colon <= 0)
        {
            return ReferenceErrorKind.InvalidDigest;
        }

        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        int expected = 0;
        foreach (var (name, hexLength) in DigestAlgorithms)
        {
            if (algorithm.SequenceEqual(name))
            {
                expected = hexLength;
            }
        }

        if (expected == 0)
        {
            return ReferenceErrorKind.UnsupportedDigestAlgorithm;
        }

        return hex.Length == expected && !hex.ContainsAnyExcept(LowerHex)
            ? ReferenceErrorKind.None
            : ReferenceErrorKind.InvalidDigest;
    }

    /// <summary>A bare 64-hex string is an image ID, which distribution refuses as a name.</summary>
    public static bool IsHexIdentifier(ReadOnlySpan<char> text) =>
        text.Length == HexIdentifierLength && !text.ContainsAnyExcept(LowerHex);

    private static int LengthOfRun(ReadOnlySpan<char> text, SearchValues<char> allowed)
    {
        int end = text.IndexOfAnyExcept(allowed);
        return end < 0 ? text.Length : end;
    }
}
