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

    /// <summary>The pattern as matched, after Docker Hub normalisation (what the VAP's regex is built from).</summary>
    internal string NormalizedPattern => _pattern;

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
            // As for a reference: index.docker.io is docker.io, and one Docker Hub component is
            // an official image ("docker.io/nginx:*" means "docker.io/library/nginx:*").
            var domain = first == "index.docker.io" ? "docker.io" : first;
            var rest = pattern[(slash + 1)..];
            bool official = domain == "docker.io" && !rest.Contains('/', StringComparison.Ordinal)
                && !rest.Contains("**", StringComparison.Ordinal);
            return official ? "docker.io/library/" + rest : $"{domain}/{rest}";
        }

        return slash < 0 ? "docker.io/library/" + pattern : "docker.io/" + pattern;
    }

    /// <summary>
    /// Dynamic programming over the text, one pattern character at a time: O(pattern × text)
    /// whatever the pattern, where backtracking on several '*' would be exponential on a hostile
    /// reference. reachable[j] says whether the pattern so far can consume text[..j].
    /// </summary>
    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        const int StackLimit = 512;
        int n = text.Length;
        Span<bool> reachable = n < StackLimit ? stackalloc bool[n + 1] : new bool[n + 1];
        Span<bool> next = n < StackLimit ? stackalloc bool[n + 1] : new bool[n + 1];
        reachable.Clear();
        reachable[0] = true;
        for (int p = 0; p < pattern.Length; p++)
        {
            if (pattern[p] == '*')
            {
                bool crossesSlash = p + 1 < pattern.Length && pattern[p + 1] == '*';
                p += crossesSlash ? 1 : 0;
                next[0] = reachable[0];
                for (int j = 1; j <= n; j++)
                {
                    next[j] = reachable[j] || (next[j - 1] && (crossesSlash || text[j - 1] != '/'));
                }
            }
            else
            {
                next[0] = false;
                for (int j = 1; j <= n; j++)
                {
                    next[j] = reachable[j - 1] && text[j - 1] == pattern[p];
                }
            }

            var done = reachable;
            reachable = next;
            next = done;
        }

        return reachable[n];
    }
}
