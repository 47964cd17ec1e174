namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// Debian's prometheus and promtool, installed and exported by .ci/setup.d/15-prometheus.sh
/// (also compiled into Pinned.Cluster.Tests).
/// </summary>
internal static class PrometheusTools
{
    private const string HowToProvide =
        "apt-get install prometheus (it brings promtool), or set PINNED_PROMETHEUS and PINNED_PROMTOOL; .ci/setup.d/15-prometheus.sh does both";

    public static string Prometheus => Find("PINNED_PROMETHEUS", "prometheus");

    public static string Promtool => Find("PINNED_PROMTOOL", "promtool");

    private static string Find(string variable, string name) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path && File.Exists(path) ? path
        : OnPath(name) ?? Requirements.Skip<string>($"{name} (Debian's prometheus package)", HowToProvide);

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(directory => directory.Length > 0).Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
