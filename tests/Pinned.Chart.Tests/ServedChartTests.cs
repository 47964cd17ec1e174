using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// The chart's wiring, end to end without a cluster: the real `pinned serve` started with the
/// rendered args, certificate, key and policy file answers the probes and the webhook paths
/// over TLS that the caBundle trusts.
/// </summary>
public sealed class ServedChartTests
{
    private const string ServiceHost = "pinned.pinned-system.svc";

    [Fact]
    public async Task Defaults_serve_the_probes_and_audit_a_mutable_pod_on_the_configured_path()
    {
        var manifest = await ChartRenderer.RenderAsync();
        await using var served = await ServedChart.StartAsync(manifest, ServiceHost);
        var container = manifest.Single("Deployment")["spec.template.spec.containers[0]"]!;

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            using var response = await served.Client.GetAsync(new Uri(served.BaseAddress, (string)KubeObject.Get(container, $"{probe}.httpGet.path")!), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var entry = Assert.Single(WebhookEntry.All(manifest));
        var verdict = await ReviewAsync(served, entry.Path!, "nginx");
        Assert.True((bool)verdict["allowed"]!, verdict.ToJsonString());
        Assert.Contains(verdict["warnings"]!.AsArray(), w => ((string)w!).Contains("mutable-tag", StringComparison.Ordinal));
        Assert.True(served.TrustedHandshakes > 0);
    }

    [Fact]
    public async Task Enforce_with_audit_namespaces_denies_on_the_main_path_and_audits_on_the_audit_path()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/audit-namespaces-values.yaml");
        await using var served = await ServedChart.StartAsync(manifest, ServiceHost);
        var entries = WebhookEntry.All(manifest);

        var enforced = await ReviewAsync(served, entries.Single(e => e.Name == "validate.pinned.dev").Path!, "nginx:latest");
        Assert.False((bool)enforced["allowed"]!, enforced.ToJsonString());
        Assert.Equal(403, (int)enforced["status"]!["code"]!);

        var audited = await ReviewAsync(served, entries.Single(e => e.Name == "audit.pinned.dev").Path!, "nginx:latest");
        Assert.True((bool)audited["allowed"]!, audited.ToJsonString());

        var pinned = await ReviewAsync(served, entries[0].Path!, "nginx:1.27@sha256:" + new string('a', 64));
        Assert.True((bool)pinned["allowed"]!, pinned.ToJsonString());
    }

    /// <summary>POSTs a Pod CREATE review as the API server does (with ?timeout=) and returns the response.</summary>
    private static async Task<JsonObject> ReviewAsync(ServedChart served, string path, string image)
    {
        var uid = Guid.NewGuid().ToString();
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = "team-a",
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "alice" },
                ["object"] = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "team-a" },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = image }) },
                },
                ["dryRun"] = false,
            },
        };
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await served.Client.PostAsync(new Uri(served.BaseAddress, path + "?timeout=5s"), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{served.Log}");
        var answer = (JsonObject)JsonNode.Parse(body)!["response"]!;
        Assert.Equal(uid, (string?)answer["uid"]);
        return answer;
    }
}
