using System.Globalization;
using System.Text;

namespace Pinned.Policy;

/// <summary>
/// The reference grammar of SPEC.md §1 as one anchored RE2 expression (Go's regexp, which CEL's
/// matches() uses), built from <see cref="ReferenceGrammar"/>'s definition rather than written by
/// hand. It accepts exactly what the parser accepts, except the length limit of the normalised path
/// (which "library/" joins for official images, and which follows an optional domain): the policy
/// checks that one in CEL.
/// Only ASCII classes are used, so .NET's Regex and RE2 read it the same way.
/// </summary>
internal static class ReferenceRegex
{
    public static string Pattern { get; } = Build();

    private static string Build()
    {
        var run = Class(ReferenceGrammar.LowerAlphaNumericChars) + "+";
        var component = Component(run, ReferenceGrammar.FixedSeparators);
        // splitDockerDomain: before a '/', a first component with a domain marker is a domain, so
        // as a path component it may not use a separator that is a marker ('.').
        var firstComponent = Component(run,
            [.. ReferenceGrammar.FixedSeparators.Where(s => !s.Any(ReferenceGrammar.DomainMarkerChars.Contains))]);
        var name = $"(?:{Domain()}/{component}|{firstComponent}/{component})(?:/{component})*";

        var tag = ":" + Class(ReferenceGrammar.WordCharsText) + Class(ReferenceGrammar.TagCharsText)
            + Count(0, ReferenceGrammar.TagLengthMax - 1);
        var digest = "@(?:" + string.Join('|', ReferenceGrammar.DigestAlgorithms.Select(a =>
            Escape(a.Algorithm) + ":" + Class(ReferenceGrammar.LowerHexChars) + Count(a.HexLength, a.HexLength))) + ")";
        var anyTail = $"(?:{tag})?(?:{digest})?";
        var someTail = $"(?:{tag}(?:{digest})?|{digest})";

        // One component with nothing after it must not be an image ID (64 lowercase hex digits).
        var single = $"(?:{run}(?:{Separator(ReferenceGrammar.FixedSeparators)}{run})+|{NotHexIdentifier()})";
        return $"\\A(?:{name}{anyTail}|{component}{someTail}|{single})\\z";
    }

    private static string Component(string run, IReadOnlyList<string> fixedSeparators) =>
        $"{run}(?:{Separator(fixedSeparators)}{run})*";

    private static string Separator(IReadOnlyList<string> fixedSeparators) =>
        "(?:" + string.Join('|', fixedSeparators.OrderByDescending(s => s.Length).Select(Escape)
            .Append(Escape(ReferenceGrammar.RepeatableSeparator.ToString()) + "+")) + ")";

    /// <summary>domain := (domain-name | '[' ipv6 ']') (':' port)?.</summary>
    private static string Domain()
    {
        var alnum = Class(ReferenceGrammar.AlphaNumericChars);
        var label = $"{alnum}(?:{Class(ReferenceGrammar.DomainComponentCharsText)}*{alnum})?";
        var open = Escape(ReferenceGrammar.Ipv6Open.ToString());
        var close = Escape(ReferenceGrammar.Ipv6Close.ToString());
        var ipv6Char = Class(ReferenceGrammar.Ipv6CharsText);
        var port = $":{Class(ReferenceGrammar.PortChars)}+";
        // IsDomainLike: brackets make no domain by themselves; the ':' of the literal or of a port does.
        var ipv6WithColon = $"{open}{ipv6Char}*:{ipv6Char}*{close}(?:{port})?";
        var ipv6WithPort = $"{open}{ipv6Char}+{close}{port}";
        return $"(?:{ipv6WithColon}|{ipv6WithPort}|{label}(?:\\.{label})*(?:{port})?)";
    }

    /// <summary>A run of lowercase letters and digits that is not exactly HexIdentifierLength hex digits.</summary>
    private static string NotHexIdentifier()
    {
        var alphabet = ReferenceGrammar.LowerAlphaNumericChars;
        var any = Class(alphabet);
        var notHex = Class(new string([.. alphabet.Where(c => !ReferenceGrammar.LowerHexChars.Contains(c))]));
        int n = ReferenceGrammar.HexIdentifierLength;
        return $"{any}{Count(1, n - 1)}|{any}{Count(n + 1, null)}|{any}*{notHex}{any}*";
    }

    private static string Count(int min, int? max) => max switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"{{{min},}}"),
        _ when max == min => string.Create(CultureInfo.InvariantCulture, $"{{{min}}}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{{{min},{max}}}"),
    };

    /// <summary>A character class of exactly these characters, with runs written as ranges.</summary>
    internal static string Class(string chars)
    {
        var sorted = chars.Distinct().Order().ToArray();
        var text = new StringBuilder("[");
        for (int i = 0; i < sorted.Length; i++)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            text.Append(ClassChar(sorted[i]));
            if (j - i >= 2)
            {
                text.Append('-').Append(ClassChar(sorted[j]));
                i = j;
            }
        }

        return text.Append(']').ToString();
    }

    private static string ClassChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' ? c.ToString() : "\\" + c;

    /// <summary>Escapes every ASCII punctuation character, which both RE2 and .NET accept escaped.</summary>
    internal static string Escape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        foreach (var c in literal)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || c > 127 ? c.ToString() : "\\" + c);
        }

        return text.ToString();
    }
}
