using System.Text.Json.Nodes;
using System.Security.Cryptography.X509Certificates;
using Pinned.Policy;
using Pinned.Serve;
using Pinned.Tls;

namespace Pinned.Tests.Serve;

/// <summary>
/// Metrics at GET /metrics with bounded labels, and the structured log line of each judged review.
/// The OpenTelemetry meter listener is process-wide (it subscribes to every meter named "Pinned"),
/// so these tests run alone, after the parallel ones, to count exactly.
/// </summary>
[Collection(nameof(TelemetryTests))]
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Bad_requests_are_logged_and_counted()
    {
        await using var server = await WebhookServer.StartAsync();

        await server.PostForTextAsync("/validate", "not json");
        var metrics = await server.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Name == "BadRequest" && r.Message.Contains("HTTP 400", StringComparison.Ordinal));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("pinned_admission_requests_total{", StringComparison.Ordinal)
            && line.Contains("outcome=\"bad_request\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_count_outcomes_violations_and_exemptions_with_bounded_labels_only()
    {
        await using var server = await WebhookServer.StartAsync("exemptNamespaces: [tools]\n");

        await server.PostForTextAsync("/validate", Reviews.Request("deployment-latest-and-untagged-denied"));
        await server.PostForTextAsync("/validate/audit", Reviews.Request("job-audit-path-allowed-with-warnings"));
        await server.PostForTextAsync("/validate", Reviews.Request("exempt-namespace-allowed"));
        await server.PostForTextAsync("/validate", Reviews.Request("captured-11-pod-delete-1"));
        await server.PostForTextAsync("/validate", Reviews.Request("object-not-an-object-refused-400"));
        var metrics = (await server.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Split('\n');

        AssertSample(metrics, "pinned_admission_requests_total", ["outcome=\"denied\"", "operation=\"CREATE\"", "kind=\"Deployment\""], 1);
        AssertSample(metrics, "pinned_admission_requests_total", ["outcome=\"allowed\"", "kind=\"Job\""], 1);
        AssertSample(metrics, "pinned_admission_requests_total", ["outcome=\"exempt\"", "kind=\"Pod\""], 1);
        AssertSample(metrics, "pinned_admission_requests_total", ["outcome=\"allowed\"", "operation=\"DELETE\""], 1);
        AssertSample(metrics, "pinned_admission_requests_total", ["outcome=\"bad_request\"", "operation=\"CREATE\"", "kind=\"Pod\""], 1);
        AssertSample(metrics, "pinned_admission_violations_total", ["rule=\"mutable-tag\"", "action=\"enforce\""], 2);
        AssertSample(metrics, "pinned_admission_violations_total", ["rule=\"image-digest\"", "action=\"audit\""], 1);
        Assert.Contains(metrics, l => l.StartsWith("pinned_admission_duration_seconds_count{", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith("target_info{", StringComparison.Ordinal) && l.Contains("service_name=\"pinned\"", StringComparison.Ordinal));
        Assert.DoesNotContain(metrics, l => l.StartsWith("pinned_", StringComparison.Ordinal)
            && (l.Contains("nginx", StringComparison.Ordinal) || l.Contains("demo", StringComparison.Ordinal) || l.Contains("namespace", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_carry_the_runtime_the_process_and_kestrel_connections_beside_pinned()
    {
        await using var server = await WebhookServer.StartAsync();

        await server.PostForTextAsync("/validate", Reviews.Request("captured-02-deployment-create"));
        var metrics = (await server.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Split('\n');

        string[] families =
        [
            "dotnet_gc_collections_total", "dotnet_gc_heap_total_allocated_bytes_total", "dotnet_thread_pool_thread_count_total",
            "process_cpu_time_seconds_total", "process_memory_usage_bytes",
            "kestrel_active_connections", "kestrel_tls_handshake_duration_seconds_bucket",
        ];
        var exported = metrics.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        foreach (var family in families)
        {
            Assert.True(metrics.Any(l => l.StartsWith(family + "{", StringComparison.Ordinal) || l.StartsWith(family + " ", StringComparison.Ordinal)),
                $"{family} is not on /metrics; it has: {string.Join(", ", exported.Order(StringComparer.Ordinal))}");
        }
    }

    [Fact]
    public async Task The_serving_certificates_expiry_is_a_gauge_that_follows_a_rotation()
    {
        using var volume = new KubeletSecretVolume();
        var first = TestCertificates.Create("pinned-first", TimeSpan.FromDays(3));
        var second = TestCertificates.Create("pinned-second", TimeSpan.FromDays(90));
        volume.Publish(first.CertPem, first.KeyPem);
        await using var server = await WebhookServer.StartAsync(settings: new ServeSettings
        {
            Certificate = new CertificateFiles(volume.CertPath, volume.KeyPath, TimeSpan.FromMinutes(10)),
        });

        Assert.Equal(NotAfterUnixSeconds(first.CertPem), await ExpiryGaugeAsync(server));

        volume.Publish(second.CertPem, second.KeyPem);
        var expected = NotAfterUnixSeconds(second.CertPem);
        var seen = await ExpiryGaugeAsync(server);
        for (int attempt = 0; attempt < 100 && seen != expected; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            seen = await ExpiryGaugeAsync(server);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task An_audited_review_writes_one_structured_log_line_without_the_object()
    {
        await using var server = await WebhookServer.StartAsync(new PolicyOptions { Mode = RuleAction.Audit });
        var review = Reviews.Request("captured-02-deployment-create");
        var uid = JsonNode.Parse(review)!["request"]!["uid"]!.GetValue<string>();

        await server.PostForTextAsync("/validate", review);

        var record = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Name == "ReviewAudited");
        Assert.Equal(1001, record.Id.Id);
        var state = record.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(uid, state["Uid"]);
        Assert.Equal("demo", state["ObjectNamespace"]);
        Assert.Equal("Deployment", state["Kind"]);
        Assert.Equal("CREATE", state["Operation"]);
        Assert.Equal("image-digest,mutable-tag", state["RuleIds"]);
        Assert.DoesNotContain("managedFields", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_with_audited_and_warned_violations_logs_each_rule_and_action_once_and_every_violation()
    {
        await using var server = await WebhookServer.StartAsync("rules:\n  image-digest: {action: audit}\n  mutable-tag: {action: warn}\n");

        var (status, body) = await server.PostForTextAsync("/validate", Reviews.Request("captured-02-deployment-create"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var answer = JsonNode.Parse(body)!["response"]!;

        Assert.True(answer["allowed"]!.GetValue<bool>());
        var record = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Name == "ReviewAudited");
        var state = record.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("image-digest,mutable-tag", state["RuleIds"]);
        Assert.Equal("audit,warn", state["Actions"]);
        var logged = JsonNode.Parse(state["Violations"]!)!.AsArray().Select(d => d!["rule"]!.GetValue<string>()).ToList();
        var annotated = JsonNode.Parse(answer["auditAnnotations"]!["violations"]!.GetValue<string>())!.AsArray().Select(d => d!["rule"]!.GetValue<string>()).ToList();
        Assert.Equal(["image-digest", "mutable-tag"], logged.Distinct());
        Assert.Equal(answer["warnings"]!.AsArray().Count, logged.Count);
        Assert.Equal(["image-digest"], annotated.Distinct());
    }

    [Fact]
    public async Task A_denial_is_logged_with_its_rule_ids()
    {
        await using var server = await WebhookServer.StartAsync();

        await server.PostForTextAsync("/validate", Reviews.Request("captured-09-daemonset-hostpath-create"));

        var record = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Name == "ReviewDenied");
        Assert.Equal("host-path", record.StructuredState!.Single(p => p.Key == "RuleIds").Value);
    }

    private static long NotAfterUnixSeconds(string certPem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certPem);
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds();
    }

    private static async Task<long> ExpiryGaugeAsync(WebhookServer server)
    {
        var metrics = (await server.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Split('\n');
        var line = Assert.Single(metrics, l => l.StartsWith("pinned_certificate_expiry_timestamp_seconds", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertSample(string[] metrics, string name, string[] labels, long value)
    {
        var matching = metrics.Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(x => l.Contains(x, StringComparison.Ordinal))).ToList();
        var total = matching.Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(total == value, $"{name}{{{string.Join(',', labels)}}}: expected {value}, got {total} in\n{string.Join('\n', metrics.Where(l => l.StartsWith(name, StringComparison.Ordinal)))}");
    }
}
