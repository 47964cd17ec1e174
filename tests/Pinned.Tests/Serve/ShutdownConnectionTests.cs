using System.Net;
using System.Net.Http.Headers;

namespace Pinned.Tests.Serve;

/// <summary>
/// During the shutdown delay, HTTP/1.1 answers close their keep-alive connection, so the API
/// server never sends a review on a connection Kestrel's stop is about to close (it would not
/// retry the POST, and failurePolicy Fail would refuse the pod).
/// </summary>
public sealed class ShutdownConnectionTests
{
    /// <summary>Long enough for the requests below on a machine with load average 20; the test ends the process before it runs out.</summary>
    private const string ShutdownDelay = "60s";

    private static readonly TimeSpan ReadinessBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_SIGTERM_http1_answers_say_connection_close_and_http2_answers_do_not()
    {
        await using var process = PinnedProcess.Start(
            ["serve", "--dev", "--address", "127.0.0.1", "--port", "0", "--shutdown-delay", ShutdownDelay]);
        var address = await process.WaitForListeningAsync();
        using var http1 = WebhookServer.CreateClient(address, HttpVersion.Version11, _ => true);
        using var http2 = WebhookServer.CreateClient(address, HttpVersion.Version20, _ => true);
        var before = await ValidateAsync(http1);
        Assert.False(before.Headers.ConnectionClose ?? false, "before SIGTERM connections are kept alive");
        await ValidateAsync(http2);

        process.Terminate();
        using var deadline = new CancellationTokenSource(ReadinessBudget);
        while ((await http1.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.False(deadline.IsCancellationRequested, $"readiness still true {ReadinessBudget.TotalSeconds} s after SIGTERM");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var during = await ValidateAsync(http1);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.True(during.Headers.ConnectionClose, "an HTTP/1.1 answer during the shutdown delay closes its connection");
        var h2 = await ValidateAsync(http2);
        Assert.Equal(HttpStatusCode.OK, h2.StatusCode);
        Assert.Equal(new Version(2, 0), h2.Version);
        Assert.Empty(h2.Headers.Connection);
    }

    private static async Task<HttpResponseMessage> ValidateAsync(HttpClient client)
    {
        using var content = new StringContent(Reviews.WithUid("captured-01-pod-create", "drain"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/validate", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
