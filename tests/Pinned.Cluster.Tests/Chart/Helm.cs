using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>A real Helm binary against the test's API server, with its own config and cache folders.</summary>
public sealed class Helm
{
    /// <summary>Helm's own --timeout for install, upgrade and uninstall: the hooks' waits fit in it on a slow machine.</summary>
    public const string Timeout = "240s";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(300);

    private readonly string _binary;
    private readonly KubeApiServer _server;
    private readonly string _home = Directory.CreateTempSubdirectory("pinned-helm-").FullName;

    public Helm(int major, KubeApiServer server)
    {
        _binary = HelmBinary.Require(major);
        _server = server;
        Major = major;
    }

    public int Major { get; }

    public static string ChartDirectory { get; } = FindChart();

    public Task<CommandResult> RunAsync(params string[] args) => RunAsync(args, null);

    public Task<CommandResult> RunAsync(IEnumerable<string> args, CancellationToken? cancellationToken) =>
        ChildProcess.RunAsync(_binary, [.. args, "--kubeconfig", _server.KubeconfigPath], Budget, new Dictionary<string, string?>
        {
            ["HELM_CONFIG_HOME"] = Path.Combine(_home, "config"),
            ["HELM_CACHE_HOME"] = Path.Combine(_home, "cache"),
            ["HELM_DATA_HOME"] = Path.Combine(_home, "data"),
        }, cancellationToken: cancellationToken ?? TestContext.Current.CancellationToken);

    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"helm {Major} {string.Join(' ', args)}: {result} {_server.LogHint}");
        return result.Stdout;
    }

    /// <summary>`helm template` of charts/pinned with these values files (relative to the chart).</summary>
    public Task<string> TemplateAsync(string release, string @namespace, IEnumerable<string> valueFiles) =>
        OkAsync(["template", release, ChartDirectory, "--namespace", @namespace, .. valueFiles.SelectMany(f => new[] { "-f", Path.Combine(ChartDirectory, f) })]);

    private static string FindChart()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var chart = Path.Combine(dir.FullName, "charts", "pinned");
            if (File.Exists(Path.Combine(chart, "Chart.yaml")))
            {
                return chart;
            }
        }

        throw new DirectoryNotFoundException("charts/pinned not found above " + AppContext.BaseDirectory);
    }
}
