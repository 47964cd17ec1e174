namespace Pinned.Manifests;

/// <summary>
/// Resolves every symbolic link in a path (what realpath(3) does) with the portable
/// FileSystemInfo API, so that a folder walk can tell when a link leads back to a folder it is
/// already in. Gives up, as the kernel does (ELOOP), after 40 links.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        for (int links = 0; links <= MaxLinks; links++)
        {
            var next = ResolveFirstLink(full);
            if (next is null)
            {
                return full;
            }

            full = next;
        }

        throw new IOException($"too many levels of symbolic links in '{path}'");
    }

    /// <summary>The path with its first symbolic link component replaced by its target, or null when it has none.</summary>
    private static string? ResolveFirstLink(string full)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            var candidate = Path.Join(current, parts[i]);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is not null)
            {
                var resolved = Path.IsPathRooted(target) ? target : Path.Join(current, target);
                return Path.GetFullPath(Path.Join([resolved, .. parts[(i + 1)..]]));
            }

            current = candidate;
        }

        return null;
    }
}
