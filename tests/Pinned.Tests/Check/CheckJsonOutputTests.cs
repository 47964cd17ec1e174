namespace Pinned.Tests.Check;

public sealed class CheckJsonOutputTests
{
    private const string Stream = $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: pinned
          namespace: shop
        spec:
          containers:
            - name: web
              image: nginx@{Manifests.Digest}
        ---
        apiVersion: apps/v1
        kind: DeploymentList
        items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:latest
                  volumes:
                    - name: host
                      hostPath:
                        path: /etc
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kube-system
        """;

    [Fact]
    public void Json_report_has_exactly_the_shape_of_SPEC_section_5()
    {
        var run = CheckRun.InProcess(["--output", "json", "-"], Stream);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("""
            {
              "results": [
                {
                  "source": "<stdin>:0",
                  "kind": "Pod",
                  "namespace": "shop",
                  "name": "pinned",
                  "verdict": "allow",
                  "violations": []
                },
                {
                  "source": "<stdin>:1:items[0]",
                  "kind": "Deployment",
                  "namespace": "default",
                  "name": "web",
                  "verdict": "deny",
                  "violations": [
                    {
                      "rule": "image-digest",
                      "path": "spec.template.spec.containers[0].image",
                      "image": "nginx:latest",
                      "message": "image 'nginx:latest' is not pinned by digest, so the registry can change what it runs"
                    },
                    {
                      "rule": "mutable-tag",
                      "path": "spec.template.spec.containers[0].image",
                      "image": "nginx:latest",
                      "message": "image 'nginx:latest' uses the mutable tag 'latest'"
                    },
                    {
                      "rule": "host-path",
                      "path": "spec.template.spec.volumes[0]",
                      "image": null,
                      "message": "volume 'host' mounts host path '/etc', which no allowedHostPaths entry permits"
                    }
                  ]
                },
                {
                  "source": "<stdin>:2",
                  "kind": "ConfigMap",
                  "namespace": "kube-system",
                  "name": "settings",
                  "verdict": "allow",
                  "violations": []
                }
              ],
              "summary": {
                "objects": 3,
                "denied": 1,
                "violations": 3
              }
            }

            """, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Audit_mode_lists_the_violations_under_verdict_allow_and_exits_0()
    {
        var run = CheckRun.InProcess(["--output", "json", "--mode", "audit", "-"], Stream);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"verdict\": \"allow\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verdict\": \"deny\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"denied\": 0,\n    \"violations\": 3", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exempt_namespaces_are_flagged_exempt_and_not_evaluated()
    {
        using var tree = new TempTree();
        var policy = tree.Write("policy.yaml", "exemptNamespaces: [kube-system]\n");

        var run = CheckRun.InProcess(["--output", "json", "--config", policy, "--namespace", "kube-system", "-"], Manifests.Pod("p", "nginx:latest"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("""
                  "namespace": "kube-system",
                  "name": "p",
                  "verdict": "allow",
                  "exempt": true,
                  "violations": []
            """, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_errors_are_listed_in_the_json_report_and_exit_2_even_with_denials()
    {
        var run = CheckRun.InProcess(["--output", "json", "-"], Manifests.Pod("bad", "nginx") + "---\nkind: [broken\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("""
              "errors": [
                {
                  "source": "<stdin>",
                  "document": 1,
            """, run.Output, StringComparison.Ordinal);
        Assert.Contains("<stdin>:", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"denied\": 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_item_of_a_List_has_its_own_source_so_two_items_of_one_name_are_told_apart()
    {
        var list = $"""
            apiVersion: v1
            kind: List
            items:
              - {Item("nginx:latest")}
              - {Item($"nginx@{Manifests.Digest}")}
            """;

        var run = CheckRun.InProcess(["--output", "json", "-"], Manifests.Pod("first", "nginx:1") + "---\n" + list);

        Assert.Equal(1, run.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(run.Output);
        var results = report.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Source: r.GetProperty("source").GetString(), Name: r.GetProperty("name").GetString(), Verdict: r.GetProperty("verdict").GetString()))
            .ToList();
        Assert.Equal(
            [("<stdin>:0", "first", "deny"), ("<stdin>:1:items[0]", "twin", "deny"), ("<stdin>:1:items[1]", "twin", "allow")],
            results);

        static string Item(string image) =>
            $"{{apiVersion: v1, kind: Pod, metadata: {{name: twin}}, spec: {{containers: [{{name: c, image: \"{image}\"}}]}}}}";
    }
}
