using System.Diagnostics;
using System.Text.Json;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// The kubectl parity table: every input is read as kubectl reads it, and nothing is passed that
/// was not read. Each row is a real file given to the real `pinned check`.
/// </summary>
public sealed class KubectlParityTests
{
    public static TheoryData<ParityCase> Cases => [.. ParityCases.All()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pinned_reads_what_kubectl_reads_and_reports_what_it_cannot(ParityCase row)
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("input.yaml", row.Bytes);

        var run = CheckRun.InProcess(["--output", "json", path]);

        using var report = JsonDocument.Parse(run.Output);
        var summary = report.RootElement.GetProperty("summary");
        int errors = report.RootElement.TryGetProperty("errors", out var list) ? list.GetArrayLength() : 0;
        Assert.Equal(
            (row.Objects, row.Denied, row.Errors, row.ExitCode),
            (summary.GetProperty("objects").GetInt32(), summary.GetProperty("denied").GetInt32(), errors, run.ExitCode));
        if (row.Refusal is not null)
        {
            Assert.True(row.Errors > 0 && row.ExitCode == 2, $"a refusal must be an input error: {row.Refusal}");
        }
        else if (row.KubectlObjects is { } kubectl && row.Departure is null)
        {
            Assert.Equal(kubectl, row.Objects); // where kubectl reads the file, Pinned judges the same objects
        }
        else if (row.Departure is not null)
        {
            Assert.True(row.Objects > (row.KubectlObjects ?? 0), $"a departure from kubectl may only judge more: {row.Departure}");
        }
        else
        {
            Assert.NotEqual(0, row.Errors); // where kubectl refuses it, Pinned says why
        }
    }

    /// <summary>The recorded kubectl counts, checked against a real kubectl when one is given.</summary>
    [Fact]
    public void The_recorded_kubectl_counts_are_what_kubectl_reads()
    {
        var kubectl = Environment.GetEnvironmentVariable("PINNED_KUBECTL");
        Assert.SkipWhen(string.IsNullOrEmpty(kubectl), "PINNED_KUBECTL (the path of a kubectl) is not set; the table above still runs on its recorded counts");
        using var tree = new TempTree();
        var mismatches = new List<string>();
        int n = 0;
        foreach (var row in ParityCases.All())
        {
            var path = tree.WriteBytes($"case-{n++}.yaml", row.Bytes);
            var observed = KubectlObjects(kubectl!, path);
            if (observed != row.KubectlObjects)
            {
                mismatches.Add($"{row.Name}: recorded {row.KubectlObjects?.ToString() ?? "refused"}, kubectl {observed?.ToString() ?? "refused"}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>
    /// How many objects kubectl reads from a file, or null when it refuses it. `label --local`
    /// reads files through the same FileVisitor and YAMLOrJSONDecoder as `create` and needs no server.
    /// </summary>
    private static int? KubectlObjects(string kubectl, string path)
    {
        var start = new ProcessStartInfo(kubectl, ["label", "--local", "-f", path, "parity=checked", "-o", "name"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return process.ExitCode == 0 ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : null;
    }
}
