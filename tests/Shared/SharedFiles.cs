namespace Pinned.Testing;

/// <summary>Finds ../shared beside the repository root, where CI lays it out (or PINNED_SHARED).</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string?> Located = new(Find);

    /// <summary>The shared folder, or a skip (a failure under CI) when there is none.</summary>
    public static string Root => Requirements.Shared("the shared folder");

    /// <summary>A file or folder of the shared folder; skips (fails under CI) naming what it is when there is none.</summary>
    public static string Path(string relative) =>
        System.IO.Path.Combine(Requirements.Shared(Describe(relative)), relative);

    /// <summary>The shared folder, or null when neither PINNED_SHARED nor an ancestor's shared/ holds it.</summary>
    public static string? Locate() => Located.Value;

    private static string Describe(string relative)
    {
        var segments = relative.Split('/', '\\');
        var first = segments[0];
        var what = first switch
        {
            "conformance" => "the conformance corpus",
            "admission-reviews" => "the captured admission reviews",
            "tools" => relative.Contains("helmlite", StringComparison.Ordinal) ? "helmlite" : "the shared tools",
            _ => "the shared folder",
        };
        var folder = first == "tools" && segments.Length > 1 ? $"tools/{segments[1]}" : first;
        return $"{what} (../shared/{folder})";
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PINNED_SHARED") is { Length: > 0 } configured)
        {
            // A wrong PINNED_SHARED counts as none, so that the skip (or CI failure) says how to set it.
            return Directory.Exists(configured) ? configured : null;
        }

        // The nearest ancestor that has shared/SPEC.md beside it: the repository's parent in CI.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = System.IO.Path.Combine(dir.FullName, "shared");
            if (File.Exists(System.IO.Path.Combine(shared, "SPEC.md")))
            {
                return shared;
            }
        }

        return null;
    }
}
