using System.Text;
using System.Text.Json.Nodes;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// Every values file of charts/pinned/ci (and the defaults), rendered by real Helm 3 and 4: the
/// output passes `pinned check -` as a CI pipeline would run it, and the API server accepts every
/// object in a server-side dry run. One `pinned check` and one `kubectl apply` per Helm major
/// over all the renders (each a process start, slow on a busy machine); a failure names the file.
/// </summary>
[Collection(HelmCluster.Name)]
public sealed class ChartRenderTests(LoopbackServiceApiServer server)
{
    private static IEnumerable<string> ValuesFiles =>
        Directory.GetFiles(Path.Combine(Helm.ChartDirectory, "ci"), "*.yaml").Select(f => "ci/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).Prepend("");

    [Theory, MemberData(nameof(HelmBinary.Majors), MemberType = typeof(HelmBinary))]
    public async Task Helm_template_of_every_values_file_passes_pinned_check(int major)
    {
        var helm = new Helm(major, server);
        var renders = await RenderAllAsync(helm, "pinned-system");

        var check = await ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pinned.dll"), "check", "-", "--output", "json"],
            TimeSpan.FromSeconds(300), stdin: Joined(renders), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(check.ExitCode == 0, $"helm {major} template | pinned check -: {check}");
        var summary = JsonNode.Parse(check.Stdout)!["summary"]!;
        Assert.True((int)summary["objects"]! > renders.Count * 5, check.Stdout);
        Assert.Equal(0, (int)summary["violations"]!);
    }

    [Theory, MemberData(nameof(HelmBinary.Majors), MemberType = typeof(HelmBinary))]
    public async Task The_api_server_accepts_every_rendered_object_in_a_server_side_dry_run(int major)
    {
        server.Require();
        var helm = new Helm(major, server);
        await server.ApplyAsync(StandInCrds.Yaml, "--server-side");
        await server.KubectlOkAsync("wait", "--for=condition=Established", "crd", "--all", "--timeout=120s");
        var ns = await server.CreateNamespaceAsync("dry");
        var renders = await RenderAllAsync(helm, ns);

        var result = await server.KubectlAsync(["apply", "--dry-run=server", "--namespace", ns, "-f", "-"], Joined(renders), TimeSpan.FromSeconds(300));

        Assert.True(result.ExitCode == 0, $"helm {major} template | kubectl apply --dry-run=server: {result} {server.LogHint}");
        Assert.DoesNotContain("error", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.Stdout.Split('\n').Count(l => l.Contains("(server dry run)", StringComparison.Ordinal)) > renders.Count * 5, result.Stdout);
    }

    private static async Task<Dictionary<string, string>> RenderAllAsync(Helm helm, string @namespace)
    {
        var renders = new Dictionary<string, string>();
        foreach (var file in ValuesFiles)
        {
            renders[file.Length == 0 ? "(defaults)" : file] = await helm.TemplateAsync("pinned", @namespace, file.Length == 0 ? [] : [file]);
        }

        return renders;
    }

    private static string Joined(Dictionary<string, string> renders)
    {
        var text = new StringBuilder();
        foreach (var (file, manifest) in renders)
        {
            text.Append("---\n# values: ").Append(file).Append('\n').Append(manifest).Append('\n');
        }

        return text.ToString();
    }
}
