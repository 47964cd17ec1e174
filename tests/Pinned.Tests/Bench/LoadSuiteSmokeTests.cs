using System.Diagnostics;

namespace Pinned.Tests.Bench;

/// <summary>
/// CI keeps the performance suite working without measuring anything: the load test in its
/// --smoke mode (bench/load/run.sh, about 3 minutes with its publish and a second, --pin run) and the BenchmarkDotNet suites as a dry in-process
/// run. Both only run where PINNED_BENCH_SMOKE=1 (.ci/setup.d/90-bench-smoke.sh exports it), after
/// the parallel tests, so that a plain test run stays fast and the load does not slow other tests.
/// </summary>
[Collection(nameof(BenchSmokeGroup))]
public sealed class LoadSuiteSmokeTests
{
    private static bool Enabled => Environment.GetEnvironmentVariable("PINNED_BENCH_SMOKE") == "1";

    [Fact]
    public async Task Load_suite_runs_every_payload_soak_and_cold_start_in_smoke_mode()
    {
        Assert.SkipUnless(Enabled, "set PINNED_BENCH_SMOKE=1 to run the load suite's smoke mode");
        var output = Directory.CreateTempSubdirectory("pinned-bench-smoke").FullName;
        // Both servers as the image ships pinned (self-contained, trimmed): this is also the test
        // that trimming left the published build serving the same verdicts.
        await BenchBuilds.PublishOnceAsync();
        var (exit, log) = await RunAsync("bash", $"bench/load/run.sh --smoke --no-build --out {output}", TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, log);
        var rows = File.ReadAllLines(Path.Combine(output, "results.tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(2 * 4 * 3, rows.Length); // protocols × payloads × (floor, JSON floor, pinned)
        Assert.All(rows, r => Assert.True(double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) > 0, string.Join(' ', r)));
        Assert.All(rows, r => Assert.Equal("0", r[8]));
        Assert.Contains("growth", File.ReadAllText(Path.Combine(output, "soak.txt")), StringComparison.Ordinal);
        Assert.Contains("cold start pinned", File.ReadAllText(Path.Combine(output, "coldstart.txt")), StringComparison.Ordinal);

        // --pin on the same builds: wrk (its warm-up) and h2load on one core, the servers on the other.
        var pinnedOutput = Directory.CreateTempSubdirectory("pinned-bench-smoke-pin").FullName;
        var (pinnedExit, pinnedLog) = await RunAsync("bash",
            $"bench/load/run.sh --smoke --pin --no-build --protocols h2 --soak 0 --cold-runs 0 --out {pinnedOutput}", TimeSpan.FromMinutes(5));

        Assert.True(pinnedExit == 0, pinnedLog);
        Assert.Contains("cores: servers on CPU 0, load generator on CPU 1", File.ReadAllText(Path.Combine(pinnedOutput, "summary.txt")), StringComparison.Ordinal);
        var pinnedRows = File.ReadAllLines(Path.Combine(pinnedOutput, "results.tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(4 * 3, pinnedRows.Length);
        Assert.All(pinnedRows, r => Assert.Equal("0", r[8]));
    }

    [Fact]
    public async Task Scrape_cost_runs_quiet_and_scraped_rounds_and_scrapes_alone_in_smoke_mode()
    {
        Assert.SkipUnless(Enabled, "set PINNED_BENCH_SMOKE=1 to run the scrape-cost smoke mode");
        var output = Directory.CreateTempSubdirectory("pinned-scrape-smoke").FullName;

        // --no-build: the solution's Release build (test.sh builds it first) is what it runs.
        var (exit, log) = await RunAsync("bash", $"bench/load/scrape-cost.sh --smoke --no-build --out {output}", TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, log);
        var rows = File.ReadAllLines(Path.Combine(output, "results.tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(["quiet", "scraped"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("0", r[5]));
        Assert.Equal("0", rows[0][7]);
        Assert.True(int.Parse(rows[1][7], System.Globalization.CultureInfo.InvariantCulture) >= 1, string.Join(' ', rows[1]));
        Assert.Contains("one scrape alone:", File.ReadAllText(Path.Combine(output, "summary.txt")), StringComparison.Ordinal);
        Assert.Contains("(20 scrapes on one connection", File.ReadAllText(Path.Combine(output, "summary.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Benchmarks_run_once_each_as_a_dry_job()
    {
        Assert.SkipUnless(Enabled, "set PINNED_BENCH_SMOKE=1 to run the benchmarks' dry job");
        var dll = RepositoryRoot.Combine("bench", "Pinned.Benchmarks", "bin", "Release", "net10.0", "Pinned.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"build Release first: {dll}");
        var (listed, list) = await RunAsync("dotnet", $"{dll} --list flat", TimeSpan.FromMinutes(1));
        Assert.True(listed == 0, list);
        var classes = list.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("Pinned.Benchmarks.", StringComparison.Ordinal))
            .Select(line => line[..line.LastIndexOf('.')])
            .Distinct()
            .Where(type => !SlowEvenDry.Contains(type[(type.LastIndexOf('.') + 1)..]))
            .ToArray();
        Assert.SkipWhen(classes.Length == 0, "bench/Pinned.Benchmarks has no benchmarks yet");

        var artifacts = Directory.CreateTempSubdirectory("pinned-bdn-smoke").FullName;
        var filters = string.Join(' ', classes.Select(c => $"'{c}.*'"));
        var (exit, log) = await RunAsync("bash", $"-c \"dotnet {dll} --job Dry --inProcess --artifacts {artifacts} --filter {filters}\"", TimeSpan.FromMinutes(4));

        Assert.True(exit == 0, log);
        Assert.Contains("// * Summary *", log, StringComparison.Ordinal);
        Assert.DoesNotContain("// ERROR", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmarks with issues", log, StringComparison.Ordinal);
    }

    // Suites that declare their own multi-iteration job over 10 000 objects: BenchmarkDotNet runs
    // that job as well as Dry, which takes minutes; they are run by hand (PERFORMANCE.md).
    private static readonly HashSet<string> SlowEvenDry = ["CheckStreamBenchmarks"];

    internal static async Task<(int Exit, string Log)> RunAsync(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
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
            throw new TimeoutException($"{file} {arguments} ran over {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>Runs alone, after the parallel tests: the smoke loads both cores for about a minute.</summary>
[CollectionDefinition(nameof(BenchSmokeGroup), DisableParallelization = true)]
public sealed class BenchSmokeGroup;

/// <summary>
/// The published builds of both servers, made once per test run for both smoke suites
/// (bench/load/run.sh --build-only; bench/apiserver/run.sh --no-build reads the same folder):
/// a trimmed ReadyToRun publish is the slowest step of either, minutes on two busy cores.
/// </summary>
internal static class BenchBuilds
{
    private static readonly Lazy<Task<(int Exit, string Log)>> Publish =
        new(() => LoadSuiteSmokeTests.RunAsync("bash", "bench/load/run.sh --build-only", TimeSpan.FromMinutes(15)));

    public static async Task PublishOnceAsync()
    {
        var (exit, log) = await Publish.Value;
        Assert.True(exit == 0, "bench/load/run.sh --build-only: " + log);
    }
}
