using System.Text;
using System.Text.Json;

namespace Pinned.Tests.Check;

public sealed class CheckLargeStreamTests
{
    private const int Objects = 10_000;

    [Fact]
    public void A_50_MB_stream_of_10000_objects_is_checked_document_by_document()
    {
        using var tree = new TempTree();
        var path = tree.PathOf("stream.yaml");
        var bytes = WriteStream(path);
        Assert.InRange(bytes, 45_000_000, 60_000_000);

        var run = CheckRun.InProcess(["--output", "json", path]);

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        var summary = report.RootElement.GetProperty("summary");
        Assert.Equal(Objects, summary.GetProperty("objects").GetInt32());
        Assert.Equal(Objects / 2, summary.GetProperty("denied").GetInt32());
        var results = report.RootElement.GetProperty("results");
        Assert.Equal(Objects, results.GetArrayLength());
        Assert.Equal($"{path}:{Objects - 1}", results[Objects - 1].GetProperty("source").GetString());
    }

    /// <summary>`helm template`-like output: ~5 KB Deployments, every other one on :latest.</summary>
    private static long WriteStream(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var filler = new string('x', 50);
        for (int i = 0; i < Objects; i++)
        {
            var image = i % 2 == 0 ? "app:latest" : $"app@{Manifests.Digest}";
            writer.Write($"---\n# Source: app/templates/deployment-{i}.yaml\napiVersion: apps/v1\nkind: Deployment\n");
            writer.Write($"metadata:\n  name: app-{i}\n  namespace: team-{i % 20}\n  labels: {{app: app-{i}}}\n");
            writer.Write($"spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {image}\n          env:\n");
            for (int j = 0; j < 40; j++)
            {
                writer.Write($"            - name: VAR_{j}\n              value: \"value-{i}-{j}-{filler}\"\n");
            }
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }
}
