namespace Pinned.Tests.Check;

/// <summary>Manifest snippets shared by the tests.</summary>
internal static class Manifests
{
    public const string Digest = "sha256:5329aa35ca38bae9b4f694217f390ba35058f81d30fecdee87df75eec4c3c2e3";

    public static string Pod(string name, string image, string? ns = null) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        {(ns is null ? string.Empty : $"  namespace: {ns}\n")}spec:
          containers:
            - name: main
              image: {image}

        """;

    public static string PinnedPod(string name, string? ns = null) => Pod(name, $"nginx@{Digest}", ns);

    /// <summary>The repository's deploy/examples folder, found from the test's output folder.</summary>
    public static string ExamplesFolder { get; } = FindExamples();

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(ExamplesFolder, "..", ".."));

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "examples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("deploy/examples not found above " + AppContext.BaseDirectory);
    }
}
