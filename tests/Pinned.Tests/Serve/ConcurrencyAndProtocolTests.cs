using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pinned.Tests.Serve;

public sealed class ConcurrencyAndProtocolTests(ServerPool pool)
{
    [Fact]
    public async Task Two_hundred_concurrent_reviews_mixing_good_and_bad_are_all_answered_correctly()
    {
        var server = await pool.GetAsync();
        using var http2 = WebhookServer.CreateClient(server.Address, HttpVersion.Version20, server.IsServing);
        var requests = Enumerable.Range(0, 200).Select(i => SendAsync(i % 2 == 0 ? server.Client : http2, i));

        var outcomes = await Task.WhenAll(requests);

        Assert.All(outcomes, o => Assert.True(o.Ok, o.What));
        Assert.Equal(200, outcomes.Length);
    }

    [Fact]
    public async Task Reviews_are_answered_over_HTTP2()
    {
        var server = await pool.GetAsync();
        using var client = WebhookServer.CreateClient(server.Address, HttpVersion.Version20, server.IsServing);

        using var response = await client.PostAsync("/validate?timeout=5s",
            new StringContent(Reviews.Denied, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Reviews.Response(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(403, answer["status"]!["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK, "ok")]
    [InlineData("/readyz", HttpStatusCode.OK, "ready")]
    public async Task Probes_answer(string path, HttpStatusCode status, string text)
    {
        var server = await pool.GetAsync();

        using var response = await server.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Trim());
    }

    [Fact]
    public async Task Only_POST_is_routed_to_validate()
    {
        var server = await pool.GetAsync();

        using var response = await server.Client.GetAsync("/validate", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>Kind of request i: denied, allowed, exempt-free audit path, not JSON, wrong content type, no request.</summary>
    private static async Task<(bool Ok, string What)> SendAsync(HttpClient client, int i)
    {
        var uid = $"uid-{i}";
        var (path, body, contentType, expect) = (i % 6) switch
        {
            0 => ("/validate?timeout=5s", Reviews.WithUid("captured-04-pod-update-set-image", uid), "application/json", "denied"),
            1 => ("/validate?timeout=5s", Reviews.WithUid("deployment-digest-pinned-allowed", uid), "application/json", "allowed"),
            2 => ("/validate/audit?timeout=5s", Reviews.WithUid("captured-10-statefulset-create", uid), "application/json", "warned"),
            3 => ("/validate", "{\"request\": ", "application/json", "400"),
            4 => ("/validate", Reviews.WithUid("captured-01-pod-create", uid), "text/plain", "415"),
            _ => ("/validate", "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}", "application/json", "400"),
        };
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var what = $"request {i} ({expect}) got {(int)response.StatusCode}: {text}";
        if (expect is "400" or "415")
        {
            return ((int)response.StatusCode == int.Parse(expect, System.Globalization.CultureInfo.InvariantCulture)
                && JsonNode.Parse(text)!["error"] is not null, what);
        }

        var answer = Reviews.Response(text);
        bool ok = response.StatusCode == HttpStatusCode.OK && answer["uid"]!.GetValue<string>() == uid && expect switch
        {
            "denied" => !answer["allowed"]!.GetValue<bool>() && answer["status"]!["code"]!.GetValue<int>() == 403,
            "allowed" => answer["allowed"]!.GetValue<bool>() && answer["warnings"] is null,
            _ => answer["allowed"]!.GetValue<bool>() && answer["warnings"]!.AsArray().Count == 3 && answer["auditAnnotations"] is not null,
        };
        return (ok, what);
    }
}
