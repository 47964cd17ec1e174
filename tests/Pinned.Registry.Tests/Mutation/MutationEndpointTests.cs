using System.Net;
using System.Text;
using System.Text.Json;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Mutation;

/// <summary>
/// POST /mutate on the real webhook host over TLS, with AdmissionReviews captured from a
/// kube-apiserver (shared/admission-reviews) whose images are moved onto the local registry.
/// </summary>
public sealed class MutationEndpointTests(RegistryEnvironment env) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly Dictionary<string, string> _digests = [];
    private string _prefix = "";
    private MutatingWebhook _webhook = null!;

    public async ValueTask InitializeAsync()
    {
        _prefix = $"{env.Plain}/mw{Guid.NewGuid():N}"[..(env.Plain.Length + 11)];
        var pusher = Registries.Plain(env, _http);
        foreach (var (repository, tag) in new[] { ("library/busybox", "latest"), ("library/nginx", "latest"), ("library/nginx", "1.27") })
        {
            _digests[$"{repository}:{tag}"] = await pusher.PushImageAsync($"{_prefix[(env.Plain.Length + 1)..]}/{repository}", tag);
        }
        _webhook = await MutatingWebhook.StartAsync($"""
            exemptNamespaces: [kube-system]
            mutation: {"{"}enabled: true{"}"}
            registry: {"{"}insecure: ["{env.Plain}"], timeout: {TestBudget.RegistryYaml}{"}"}
            """);
    }

    [Fact]
    public async Task A_deployment_create_gets_a_json_patch_pinning_its_unpinned_image()
    {
        var review = Review("02-deployment-create.json");

        var (status, body) = await _webhook.PostAsync("/mutate?timeout=30s", review);

        Assert.Equal(HttpStatusCode.OK, status);
        var response = Response(body);
        Assert.Equal(JsonDocument.Parse(review).RootElement.GetProperty("request").GetProperty("uid").GetString(), response.GetProperty("uid").GetString());
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Equal("JSONPatch", response.GetProperty("patchType").GetString());
        var operation = Assert.Single(Patch(response));
        Assert.Equal("replace", operation.GetProperty("op").GetString());
        Assert.StartsWith("/spec/template/spec/", operation.GetProperty("path").GetString());
        Assert.Equal($"{_prefix}/library/busybox@{_digests["library/busybox:latest"]}", operation.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("04-pod-update-set-image.json", "/spec/containers/0/image", "library/nginx:latest")]
    [InlineData("05-pod-ephemeralcontainers-debug.json", "/spec/ephemeralContainers/0/image", "library/busybox:latest")]
    public async Task An_update_pins_only_the_image_it_introduces(string review, string path, string image)
    {
        var (_, body) = await _webhook.PostAsync("/mutate", Review(review));

        var operation = Assert.Single(Patch(Response(body)));
        Assert.Equal(path, operation.GetProperty("path").GetString());
        Assert.EndsWith("@" + _digests[image], operation.GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_unresolvable_image_is_left_as_written_with_a_warning_saying_why()
    {
        var review = Review("02-deployment-create.json").Replace($"{_prefix}/library/busybox", $"{_prefix}/library/absent", StringComparison.Ordinal);

        var (status, body) = await _webhook.PostAsync("/mutate", review);

        Assert.Equal(HttpStatusCode.OK, status);
        var response = Response(body);
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("patch", out _));
        var warning = Assert.Single(response.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains($"cannot resolve {_prefix}/library/absent at {env.Plain}: not found", warning);
    }

    [Theory]
    [InlineData("11-pod-delete-1.json")]
    [InlineData("exempt")]
    public async Task Deletes_and_exempt_namespaces_are_allowed_without_a_patch(string review)
    {
        var body = review == "exempt"
            ? Review("02-deployment-create.json").Replace("\"namespace\": \"demo\"", "\"namespace\": \"kube-system\"", StringComparison.Ordinal)
            : Review(review);

        var response = Response((await _webhook.PostAsync("/mutate", body)).Body);

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("patch", out _));
    }

    [Fact]
    public async Task A_broken_envelope_is_a_400_and_registry_metrics_are_scraped()
    {
        var (status, body) = await _webhook.PostAsync("/mutate", """{"kind": "AdmissionReview"}""");
        await _webhook.PostAsync("/mutate", Review("02-deployment-create.json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expected kind AdmissionReview", body);
        Assert.Contains("pinned_registry_calls", await _webhook.GetAsync("/metrics"));
    }

    [Fact]
    public async Task A_registry_slower_than_the_api_servers_timeout_gets_a_warning_before_that_timeout()
    {
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.Delay = TimeSpan.FromSeconds(30);
        await using var webhook = await MutatingWebhook.StartAsync(
            $"mutation: {{enabled: true}}\nregistry: {{insecure: [\"{proxy.Authority}\"], timeout: 20s}}\n");
        var review = Review("02-deployment-create.json").Replace(env.Plain, proxy.Authority, StringComparison.Ordinal);
        // The API server's connection to a webhook is open before the review is sent: the TLS
        // handshake and first-request JIT are not part of the time measured (under load they took
        // more than the 0.6 s of margin below the bound).
        await webhook.GetAsync("/metrics");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, body) = await webhook.PostAsync("/mutate?timeout=2s", review);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(1.99));
        var response = Response(body);
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Contains("did not finish within the webhook's timeout (2s)", Assert.Single(response.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Without_mutation_enabled_there_is_no_mutate_endpoint()
    {
        await using var validating = await MutatingWebhook.StartAsync("mode: enforce");

        var (status, _) = await validating.PostAsync("/mutate", Review("02-deployment-create.json"));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    /// <summary>A captured review, its Docker Hub images moved to this test's registry namespace.</summary>
    private string Review(string file)
    {
        using var captured = JsonDocument.Parse(File.ReadAllText(SharedFiles.Path(Path.Combine("admission-reviews", file))));
        var review = captured.RootElement.GetProperty("review").GetRawText();
        foreach (var image in new[] { "busybox", "nginx:latest", "nginx:1.27" })
        {
            review = review.Replace($"\"image\": \"{image}\"", $"\"image\": \"{_prefix}/library/{image}\"", StringComparison.Ordinal);
        }
        return review;
    }

    private static JsonElement Response(string body) => JsonDocument.Parse(body).RootElement.GetProperty("response").Clone();

    private static JsonElement[] Patch(JsonElement response) =>
        [.. JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(response.GetProperty("patch").GetString()!))).RootElement.EnumerateArray().Select(e => e.Clone())];

    public async ValueTask DisposeAsync()
    {
        await _webhook.DisposeAsync();
        _http.Dispose();
    }
}
