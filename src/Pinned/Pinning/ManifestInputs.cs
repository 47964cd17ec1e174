namespace Pinned.Pinning;

/// <summary>Expands the command line's paths: files as given, folders recursively (their
/// .yaml, .yml and .json files, in name order), "-" for stdin.</summary>
internal static class ManifestInputs
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static List<string> Expand(IEnumerable<string> paths, List<string> errors)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (path == "-" || File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                errors.Add($"{path}: no such file or folder");
            }
        }
        return files;
    }
}
