using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pinned.Serve;

namespace Pinned.Tests.Serve;

/// <summary>Each kind of bad input gets its 4xx and a JSON error that says what is wrong; a valid review still works after it.</summary>
public sealed class BadInputTests(ServerPool pool)
{
    public static TheoryData<string, string, string, HttpStatusCode, string> Cases => new()
    {
        { "not JSON", "{\"kind\": \"AdmissionReview\", ", "application/json", HttpStatusCode.BadRequest, "not valid JSON" },
        { "empty body", "", "application/json", HttpStatusCode.BadRequest, "empty" },
        { "a JSON array", "[1, 2]", "application/json", HttpStatusCode.BadRequest, "must be a JSON object" },
        { "no request", "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}", "application/json", HttpStatusCode.BadRequest, "no request" },
        { "request is null", "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":null}", "application/json", HttpStatusCode.BadRequest, "no request" },
        { "v1beta1", Reviews.Denied.Replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "apiVersion 'admission.k8s.io/v1beta1'" },
        { "wrong kind", Reviews.Denied.Replace("\"AdmissionReview\"", "\"Pod\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "kind 'Pod'" },
        { "no uid", RemoveUid(Reviews.Denied), "application/json", HttpStatusCode.BadRequest, "request.uid" },
        { "text/plain", Reviews.Denied, "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json" },
        { "YAML", Reviews.Denied, "application/yaml", HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json" },
        { "application/jsonx", Reviews.Denied, "application/jsonx", HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json" },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_clear_4xx_and_the_server_stays_healthy(string what, string body, string contentType, HttpStatusCode status, string error)
    {
        var server = await pool.GetAsync();

        var (actualStatus, answer) = await server.PostForTextAsync("/validate?timeout=5s", body, contentType);

        Assert.True(actualStatus == status, $"{what}: expected {status}, got {actualStatus}: {answer}");
        var json = JsonNode.Parse(answer)!;
        Assert.Equal((int)status, json["status"]!.GetValue<int>());
        Assert.Contains(error, json["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertStillAnswers(server);
    }

    [Fact]
    public async Task A_body_announced_over_the_limit_is_refused_413_before_it_is_read()
    {
        var server = await pool.GetAsync();
        await using var client = await RawTlsClient.ConnectAsync(server.Address, server.IsServing);

        await client.SendHeadersAsync("/validate?timeout=5s", 8 * 1024 * 1024);
        await client.SendAsync("{\"kind\":");
        var (status, body) = await client.ReadResponseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(413, status);
        Assert.Contains("larger than 7 MiB", body, StringComparison.Ordinal);
        await AssertStillAnswers(server);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_answered_408_and_the_connection_is_not_held()
    {
        await using var server = await WebhookServer.StartAsync(settings: new ServeSettings { Dev = true, BodyReadTimeout = TimeSpan.FromMilliseconds(500) });
        await using var client = await RawTlsClient.ConnectAsync(server.Address, server.IsServing);
        var review = Reviews.Denied;

        await client.SendHeadersAsync("/validate", review.Length);
        await client.SendAsync(review[..100]);
        var (status, body) = await client.ReadResponseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(408, status);
        Assert.Contains("did not arrive in time", body, StringComparison.Ordinal);
        await AssertStillAnswers(server);
    }

    [Fact]
    public async Task The_API_servers_timeout_query_shortens_the_body_deadline()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var client = await RawTlsClient.ConnectAsync(server.Address, server.IsServing);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await client.SendHeadersAsync("/validate?timeout=1s", 1000);
        var (status, _) = await client.ReadResponseAsync(TimeSpan.FromSeconds(8));

        Assert.Equal(408, status);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_refused_413()
    {
        var server = await pool.GetAsync();
        var padding = new string(' ', 8 * 1024 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"pad\":\"" + padding + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        HttpStatusCode status;
        try
        {
            using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection while the client is still sending: then the answer was 413 on the wire.
            status = HttpStatusCode.RequestEntityTooLarge;
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        await AssertStillAnswers(server);
    }

    internal static async Task AssertStillAnswers(WebhookServer server)
    {
        var uid = Guid.NewGuid().ToString();
        var (status, body) = await server.PostForTextAsync("/validate", Reviews.WithUid("captured-01-pod-create", uid));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(uid, Reviews.Response(body)["uid"]!.GetValue<string>());
        Assert.False(Reviews.Response(body)["allowed"]!.GetValue<bool>());
    }

    private static string RemoveUid(string review)
    {
        var node = JsonNode.Parse(review)!;
        node["request"]!.AsObject().Remove("uid");
        return node.ToJsonString();
    }
}
