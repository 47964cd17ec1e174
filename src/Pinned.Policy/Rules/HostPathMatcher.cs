namespace Pinned.Policy;

/// <summary>
/// Finds the allowedHostPaths entry that covers a host path. Prefixes match whole path segments
/// ("/foo" covers "/foo" and "/foo/bar", not "/fool"); both sides are compared after removing
/// duplicate and trailing slashes; a path with a "." or ".." segment never matches, since it
/// could climb out of the prefix; the longest matching prefix decides.
/// </summary>
internal sealed class HostPathMatcher(IReadOnlyList<AllowedHostPath> allowed)
{
    private readonly (string Prefix, AllowedHostPath Entry)[] _entries =
        [.. allowed.Select(a => (Normalize(a.PathPrefix) ?? string.Empty, a)).Where(e => e.Item1.Length > 0)];

    public AllowedHostPath? Match(string hostPath)
    {
        var path = Normalize(hostPath);
        if (path is null)
        {
            return null;
        }

        AllowedHostPath? best = null;
        int bestLength = -1;
        foreach (var (prefix, entry) in _entries)
        {
            if (prefix.Length > bestLength && Covers(prefix, path))
            {
                best = entry;
                bestLength = prefix.Length;
            }
        }

        return best;
    }

    private static bool Covers(string prefix, string path) =>
        prefix == "/"
        || path == prefix
        || (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');

    /// <summary>"/var//log/" → "/var/log"; null for a relative path or one with "." or ".." segments.</summary>
    internal static string? Normalize(string path)
    {
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or ".."))
        {
            return null;
        }

        return "/" + string.Join('/', segments);
    }
}
