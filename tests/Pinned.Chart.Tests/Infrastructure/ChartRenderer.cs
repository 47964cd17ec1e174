using System.Collections.Concurrent;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// Renders charts/pinned the way `helm template` does: with Helm when it is on the PATH,
/// otherwise with helmlite (the same template engine and functions; see shared/tools/helmlite).
/// Renders are cached per value set: the self-signed certificate differs at every render, so
/// every test of one value set must see the same one.
/// </summary>
internal static class ChartRenderer
{
    public const string Namespace = "pinned-system";
    public const string Release = "pinned";

    private static readonly Lazy<Task<Engine>> LazyEngine = new(FindEngineAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifest>>> Cache = new();

    /// <summary>The chart rendered with its defaults plus these files from charts/pinned (e.g. "ci/enforce-values.yaml").</summary>
    public static Task<Manifest> RenderAsync(params string[] valueFiles) =>
        Cache.GetOrAdd(string.Join('|', valueFiles), _ => new Lazy<Task<Manifest>>(() => RenderFreshAsync(RepoLayout.Chart, valueFiles))).Value;

    /// <summary>Renders a chart directory without caching; value files are relative to it or absolute.</summary>
    public static async Task<Manifest> RenderFreshAsync(string chartDir, IReadOnlyList<string> valueFiles, string? @namespace = null)
    {
        var text = await RenderTextAsync(chartDir, valueFiles, @namespace);
        return Manifest.Parse(text);
    }

    public static async Task<string> RenderTextAsync(string chartDir, IReadOnlyList<string> valueFiles, string? @namespace = null)
    {
        var engine = await LazyEngine.Value;
        var files = valueFiles.Select(f => Path.IsPathRooted(f) ? f : Path.Combine(chartDir, f));
        var args = engine.Arguments(chartDir, @namespace ?? Namespace, files);
        var result = await ProcessRunner.RunAsync(engine.Path, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"{engine.Path} (values: {string.Join(", ", valueFiles)})"));
        }

        return result.StandardOutput;
    }

    private static async Task<Engine> FindEngineAsync()
    {
        if (ProcessRunner.FindOnPath("helm") is { } helm)
        {
            return Engine.Helm(helm);
        }

        // Built by .ci/setup.d/20-helmlite.sh in CI.
        var fromCi = Environment.GetEnvironmentVariable("PINNED_HELMLITE");
        if (!string.IsNullOrEmpty(fromCi) && File.Exists(fromCi))
        {
            return Engine.Helmlite(fromCi);
        }

        var script = RepoLayout.HelmliteBuildScript() ?? Requirements.Skip<string>(
            "a chart renderer (helm, or helmlite from ../shared/tools/helmlite)",
            "put helm on the PATH, or set PINNED_HELMLITE to a built helmlite, or provide ../shared (PINNED_SHARED)");
        var output = Path.Combine(Path.GetTempPath(), $"pinned-chart-tests-{Environment.ProcessId}", "helmlite");
        var build = await ProcessRunner.RunAsync("bash", [script, output]);
        if (build.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException(build.Describe($"bash {script}"));
        }

        return Engine.Helmlite(output);
    }

    private sealed record Engine(string Path, Func<string, string, IEnumerable<string>, IEnumerable<string>> Arguments)
    {
        public static Engine Helm(string path) => new(path, (chart, ns, files) =>
            new[] { "template", Release, chart, "--namespace", ns }.Concat(files.SelectMany(f => new[] { "-f", f })));

        public static Engine Helmlite(string path) => new(path, (chart, ns, files) =>
            new[] { chart, "--name", Release, "--namespace", ns }.Concat(files.SelectMany(f => new[] { "-f", f })));
    }
}
