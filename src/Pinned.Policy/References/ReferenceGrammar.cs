using System.Buffers;

namespace Pinned.Policy;

/// <summary>
/// The character-level productions of the distribution/reference grammar, written as span scans
/// so that parsing a reference needs no regular expression and no allocation.
/// </summary>
internal static class ReferenceGrammar
{
    /// <summary>distribution's NameTotalLengthMax: the normalised name (domain and path).</summary>
    public const int NameTotalLengthMax = 255;

    /// <summary>A tag is one word character then at most 127 of word, '.' and '-'.</summary>
    public const int TagLengthMax = 128;

    private static readonly SearchValues<char> LowerAlphaNumeric =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly SearchValues<char> AlphaNumeric =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly SearchValues<char> WordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static readonly SearchValues<char> TagChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:");

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

    private static int SeparatorLength(ReadOnlySpan<char> rest)
    {
        switch (rest[0])
        {
            case '.':
                return 1;
            case '_':
                return rest.Length > 1 && rest[1] == '_' ? 2 : 1;
            case '-':
                int dashes = 1;
                while (dashes < rest.Length && rest[dashes] == '-')
                {
                    dashes++;
                }

                return dashes;
            default:
                return 0;
        }
    }

    /// <summary>
    /// domain := host (':' [0-9]+)? ; host := domain-name | '[' ipv6 ']' ;
    /// domain-name := component ('.' component)* ; component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9].
    /// </summary>
    public static bool IsDomain(ReadOnlySpan<char> domain)
    {
        ReadOnlySpan<char> host = domain;
        if (domain.StartsWith('['))
        {
            int close = domain.IndexOf(']');
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

    private static readonly SearchValues<char> DomainComponentChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

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
        int expected = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => 0,
        };
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
        text.Length == 64 && !text.ContainsAnyExcept(LowerHex);

    private static int LengthOfRun(ReadOnlySpan<char> text, SearchValues<char> allowed)
    {
        int end = text.IndexOfAnyExcept(allowed);
        return end < 0 ? text.Length : end;
    }
}
