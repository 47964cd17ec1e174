namespace Pinned.Manifests;

/// <summary>
/// Expands the paths given on the command line into the inputs to read, in a stable order:
/// "-" is standard input, a file is itself (whatever its name or kind, so that "&lt;(helm
/// template …)" works), a folder is walked recursively for *.yaml, *.yml and *.json, entries
/// sorted by name. The walk follows symbolic links but reports a link back into a folder it is
/// already in (a loop) instead of descending forever; it skips hidden entries (".git") and reports
/// what it cannot read. Each problem is reported once and the walk goes on.
/// </summary>
internal static class ManifestInputs
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <param name="note">Told about a folder that holds no manifest at all: not an error, but likely a wrong path.</param>
    public static IEnumerable<ManifestInput> Expand(IReadOnlyList<string> paths, Action<ManifestError> error, Action<ManifestError> note)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return ManifestInput.Stdin;
            }
            else if (Directory.Exists(path))
            {
                bool any = false;
                foreach (var input in Walk(path, [], visited, error))
                {
                    any = true;
                    yield return input;
                }

                if (!any)
                {
                    note(new ManifestError(path, null, null, "no *.yaml, *.yml or *.json file in this folder"));
                }
            }
            else if (File.Exists(path))
            {
                yield return new ManifestInput(path, path);
            }
            else
            {
                error(new ManifestError(path, null, null, Missing(path)));
            }
        }
    }

    private static IEnumerable<ManifestInput> Walk(string folder, HashSet<string> ancestors, HashSet<string> visited, Action<ManifestError> error)
    {
        string real;
        string[] entries;
        try
        {
            real = RealPath.Resolve(folder);
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error(new ManifestError(folder, null, null, $"cannot read this folder: {e.Message}"));
            yield break;
        }

        if (ancestors.Contains(real))
        {
            error(new ManifestError(folder, null, null, $"symbolic link loop: this folder is '{real}', which contains it; not followed"));
            yield break;
        }

        if (!visited.Add(real))
        {
            yield break; // the same folder reached again through another link: already checked
        }

        ancestors.Add(real);
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            var display = folder.EndsWith('/') ? folder + name : $"{folder}/{name}";
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                foreach (var input in Walk(display, ancestors, visited, error))
                {
                    yield return input;
                }
            }
            else if (HasManifestExtension(name) && Check(entry, display, error))
            {
                yield return new ManifestInput(display, entry);
            }
        }

        ancestors.Remove(real);
    }

    private static bool HasManifestExtension(string name) =>
        Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a manifest found by the walk should be read. An empty file holds nothing; skipping
    /// every zero-length entry also keeps a FIFO or a device (whose length reads as 0) from
    /// blocking the walk, since .NET cannot tell their kind without opening them.
    /// </summary>
    private static bool Check(string entry, string display, Action<ManifestError> error)
    {
        FileSystemInfo info = new FileInfo(entry);
        if (info.LinkTarget is not null)
        {
            try
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }
            catch (IOException e)
            {
                error(new ManifestError(display, null, null, $"cannot follow this symbolic link: {e.Message}"));
                return false;
            }
        }

        if (!info.Exists)
        {
            error(new ManifestError(display, null, null, Missing(entry)));
            return false;
        }

        return info is FileInfo { Length: > 0 };
    }

    private static string Missing(string path)
    {
        var link = new FileInfo(path);
        if (link.LinkTarget is not { } target)
        {
            return "no such file or folder";
        }

        try
        {
            link.ResolveLinkTarget(returnFinalTarget: true);
            return $"broken symbolic link (points to '{target}', which does not exist)";
        }
        catch (IOException e)
        {
            return $"cannot follow this symbolic link: {e.Message}";
        }
    }
}
