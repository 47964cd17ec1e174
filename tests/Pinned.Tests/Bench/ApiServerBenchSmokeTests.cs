using System.Diagnostics;
using System.Globalization;
using Pinned.Testing;

namespace Pinned.Tests.Bench;

/// <summary>
/// CI keeps the through-the-API-server bench (bench/apiserver/run.sh) working without measuring
/// anything: its --smoke mode starts a real kube-apiserver, creates pods through it with no
/// webhook, the floor, `pinned serve` and the ValidatingAdmissionPolicies of `pinned vap` (no
/// webhook), and paces reviews at 50/s to each webhook. Runs only
/// where PINNED_BENCH_SMOKE=1 (.ci/setup.d/90-bench-smoke.sh), alone, after the load suite's smoke.
/// </summary>
[Collection(nameof(BenchSmokeGroup))]
public sealed class ApiServerBenchSmokeTests
{
    private static bool Enabled => Environment.GetEnvironmentVariable("PINNED_BENCH_SMOKE") == "1";

    [Fact]
    public async Task Pods_are_created_through_the_api_server_with_every_webhook_and_paced_reviews_answered()
    {
        Assert.SkipUnless(Enabled, "set PINNED_BENCH_SMOKE=1 to run the API server bench's smoke mode");
        var kubeUp = Environment.GetEnvironmentVariable("PINNED_KUBE_UP") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Requirements.Shared("the API server of ../shared/tools/k8s"), "tools", "k8s", "kube-up.sh");
        if (!File.Exists(kubeUp))
        {
            Requirements.Skip(kubeUp, "../shared/tools/k8s beside the repository, or PINNED_KUBE_UP=path/to/kube-up.sh");
        }

        if (!File.Exists("/usr/bin/etcd"))
        {
            Requirements.Skip("etcd (/usr/bin/etcd)", "apt-get install etcd-server");
        }

        var output = Directory.CreateTempSubdirectory("pinned-apiserver-smoke").FullName;
        await BenchBuilds.PublishOnceAsync();
        var (exit, log) = await RunAsync($"bench/apiserver/run.sh --smoke --no-build --out {output}", kubeUp, TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, log);
        var pods = Rows(Path.Combine(output, "apiserver.tsv"));
        Assert.Equal(["none", "floor", "pinned", "vap"], pods.Select(r => r[0]));
        Assert.All(pods, r => Assert.True(Number(r[6]) > 0 && r[5] == "0" && Number(r[8]) > 0, "pods created without errors: " + string.Join(' ', r)));
        Assert.All(pods.Where(r => r[0] is "floor" or "pinned"), r => Assert.True(Number(r[7]) > 0 && Number(r[11]) > 0, "webhook CPU and RSS measured: " + string.Join(' ', r)));

        var paced = Rows(Path.Combine(output, "paced.tsv"));
        Assert.Equal(["floor", "floor-json", "pinned"], paced.Select(r => r[0]));
        Assert.All(paced, r => Assert.True(Number(r[7]) > 0 && r[6] == "0", "paced reviews answered without errors: " + string.Join(' ', r)));
        var summary = File.ReadAllText(Path.Combine(output, "summary.txt"));
        Assert.Contains("zero-cost webhook bound", summary, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^vap +[0-9.]+ +-?[0-9.]+ +-?[0-9.]+ +-?[0-9]+ µs +(ok|MISS)$", summary);
        Assert.Contains("targets missed by pinned", summary, StringComparison.Ordinal);
    }

    private static string[][] Rows(string file) =>
        [.. File.ReadAllLines(file).Skip(1).Select(l => l.Split('\t'))];

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Log)> RunAsync(string arguments, string kubeUp, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBE_UP"] = kubeUp;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bench/apiserver/run.sh ran over {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
