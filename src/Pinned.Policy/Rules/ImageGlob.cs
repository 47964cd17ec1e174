namespace Pinned.Policy;

/// <summary>
/// An exemptImages pattern, matched against the whole normalised reference
/// ("docker.io/library/nginx:1.27"). '*' matches within one path component and never crosses
/// '/'; '**' crosses it. A pattern without a domain gets Docker Hub's, as a reference would, so
/// "nginx:*" means "docker.io/library/nginx:*". A pattern that starts with '**' is used as is.
/// </summary>
public sealed class ImageGlob
{
    private readonly string _pattern;

    private ImageGlob(string written, string pattern)
    {
        Written = written;
        _pattern = pattern;
    }

    public string Written { get; }

    public static ImageGlob Create(string pattern) => new(pattern, Normalize(pattern));

    public bool IsMatch(ReadOnlySpan<char> normalizedReference) => Match(_pattern, normalizedReference);

    private static string Normalize(string pattern)
    {
        if (pattern.StartsWith("**", StringComparison.Ordinal))
        {
            return pattern;
        }

        int slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : pattern[..slash];
        bool hasDomain = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || first.Any(char.IsAsciiLetterUpper));
        if (hasDomain)
        {
            return first == "index.docker.io" ? "docker.io" + pattern[slash..] : pattern;
        }

        return slash < 0 ? "docker.io/library/" + pattern : "docker.io/" + pattern;
    }

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            if (pattern[0] != '*')
            {
                if (text.IsEmpty || text[0] != pattern[0])
                {
                    return false;
                }

                pattern = pattern[1..];
                text = text[1..];
                continue;
            }

            bool crossesSlash = pattern.Length > 1 && pattern[1] == '*';
            var rest = pattern[(crossesSlash ? 2 : 1)..];
            for (int taken = 0; taken <= text.Length; taken++)
            {
                if (Match(rest, text[taken..]))
                {
                    return true;
                }

                if (taken < text.Length && text[taken] == '/' && !crossesSlash)
                {
                    return false;
                }
            }

            return false;
        }

        return text.IsEmpty;
    }
}
