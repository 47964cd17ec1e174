using System.Text.Json;

namespace Pinned.Tests.Check;

/// <summary>The bundled deploy/examples: every good workload allowed, every bad one denied for the reason its file names.</summary>
public sealed class CheckExamplesTests
{
    public static TheoryData<string> BadExamples =>
        [.. Directory.GetFiles(Path.Combine(Manifests.ExamplesFolder, "bad")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_README_first_command_checks_the_examples_and_exits_1_for_the_bad_ones()
    {
        var run = CheckRun.InProcess([Manifests.ExamplesFolder]);

        Assert.True(run.ExitCode == 1, run.Error);
        Assert.Contains("/bad/pod-mutable-tags.yaml:14: deny [mutable-tag] Pod shop/web spec.containers[0].image: image 'nginx:latest' uses the mutable tag 'latest'", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"pinned check: \d+ objects in \d+ inputs: 10 denied, \d+ violations, 1 skipped\n$", run.Output);
        Assert.Contains("policy.yaml:3: note: document 0: skipped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_good_example_of_every_kind_is_allowed()
    {
        var report = Json(CheckRun.InProcess(["--output", "json", Path.Combine(Manifests.ExamplesFolder, "good")]), expectedExit: 0);

        var results = report.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("allow", r.GetProperty("verdict").GetString()));
        Assert.All(results, r => Assert.Equal(0, r.GetProperty("violations").GetArrayLength()));
        var kinds = results.Select(r => r.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job", "CronJob", "PodTemplate" }, kinds);
    }

    [Theory]
    [MemberData(nameof(BadExamples))]
    public void Every_bad_example_is_denied(string file)
    {
        var report = Json(CheckRun.InProcess(["--output", "json", Path.Combine(Manifests.ExamplesFolder, "bad", file)]), expectedExit: 1);

        var result = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.Equal("deny", result.GetProperty("verdict").GetString());
        var rules = result.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).Distinct().Order().ToArray();
        string[] expected = file switch
        {
            _ when file.Contains("hostpath", StringComparison.Ordinal) => ["host-path"],
            _ when file.Contains("invalid", StringComparison.Ordinal) || file.Contains("version-tag", StringComparison.Ordinal)
                || file.Contains("init-container", StringComparison.Ordinal) => ["image-digest"],
            _ => ["image-digest", "mutable-tag"],
        };
        Assert.Equal(expected, rules);
    }

    [Fact]
    public void The_sample_policy_loads_and_allows_a_read_only_log_mount()
    {
        using var tree = new TempTree();
        var pod = tree.Write("pod.yaml", $"""
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: logs{"}"}
            spec:
              containers:
                - name: c
                  image: busybox@{Manifests.Digest}
                  volumeMounts: [{"{"}name: logs, mountPath: /logs, readOnly: true{"}"}]
              volumes:
                - name: logs
                  hostPath: {"{"}path: /var/log/app{"}"}
            """);

        var run = CheckRun.InProcess(["--config", Path.Combine(Manifests.ExamplesFolder, "policy.yaml"), pod]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
    }

    private static JsonElement Json(CheckRun run, int expectedExit)
    {
        Assert.True(run.ExitCode == expectedExit, $"exit {run.ExitCode}, expected {expectedExit}\n{run.Output}\n{run.Error}");
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }
}
