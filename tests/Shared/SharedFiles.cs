namespace Pinned.Testing;

/// <summary>Finds ../shared beside the repository root, where CI lays it out (or PINNED_SHARED).</summary>
internal static class SharedFiles
{
    public static string Root { get; } = Locate();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PINNED_SHARED") is { Length: > 0 } configured)
        {
            return configured;
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

        throw new DirectoryNotFoundException("../shared (beside the repository) not found; set PINNED_SHARED");
    }
}
