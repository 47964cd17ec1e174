using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>
/// SARIF artifact URIs: relative to the working folder (the repository root in CI, where code
/// scanning resolves them), a file:// URI for a file outside it, "stdin" for standard input.
/// </summary>
internal sealed class SarifLocations(string workingDirectory)
{
    public string UriOf(string source)
    {
        if (source == ManifestInput.StdinName)
        {
            return "stdin";
        }

        var full = Path.GetFullPath(source, workingDirectory);
        var relative = Path.GetRelativePath(workingDirectory, full);
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal))
        {
            return new Uri(full).AbsoluteUri;
        }

        return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }
}
