namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Where the repository and the shared folder beside it are, found from the test binary.</summary>
internal static class RepoLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding Webhook.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Chart => Path.Combine(Root, "charts", "pinned");

    public static string Deploy => Path.Combine(Root, "deploy");

    /// <summary>The helmlite build script in the shared folder, or null.</summary>
    public static string? HelmliteBuildScript() => Shared(Path.Combine("tools", "helmlite", "build.sh"));

    /// <summary>
    /// A file or folder of the shared folder (`../shared` in CI, or PINNED_SHARED; a git worktree
    /// may sit deeper, so every ancestor is tried). Null when there is none.
    /// </summary>
    public static string? Shared(string relativePath)
    {
        if (SharedFiles.Locate() is not { } shared)
        {
            return null;
        }

        var path = Path.Combine(shared, relativePath);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Webhook.sln above {AppContext.BaseDirectory}");
    }
}
