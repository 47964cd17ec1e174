using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pinned.Tests.Serve;

/// <summary>The real `pinned serve` process's stdout: one whole JSON line per judged review under load, flushed on SIGTERM, filtered by level, and a dead stdout harms nothing.</summary>
public sealed partial class LogLineProcessTests
{
    private static readonly string[] LevelNames = ["Debug", "Information", "Warning", "Error", "Critical"];
    private static readonly string[] ServeArgs = ["serve", "--dev", "--address", "127.0.0.1", "--port", "0", "--shutdown-delay", "0s"];

    [Fact]
    public async Task Five_hundred_concurrent_denied_and_audited_reviews_write_five_hundred_whole_lines_all_there_after_SIGTERM()
    {
        await using var process = PinnedProcess.Start(ServeArgs);
        var address = await process.WaitForListeningAsync();
        using var http1 = WebhookServer.CreateClient(address, HttpVersion.Version11, DevCertificate);
        using var http2 = WebhookServer.CreateClient(address, HttpVersion.Version20, DevCertificate);
        var uids = Enumerable.Range(0, 500).Select(i => $"load-{i:000}").ToList();

        var statuses = await Task.WhenAll(uids.Select((uid, i) =>
            PostAsync(i % 3 == 0 ? http1 : http2, i % 2 == 0 ? "/validate" : "/validate/audit", Reviews.WithUid("captured-01-pod-create", uid))));
        process.Terminate(); // at once: the lines still queued must reach stdout before the process exits

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
        var lines = process.Stdout.Split('\n').Select(Parse).ToList();
        var reviews = lines.Where(l => l.GetProperty("EventId").GetInt32() is 1000 or 1001).ToList();
        Assert.Equal(500, reviews.Count);
        Assert.Equal(uids, reviews.Select(r => r.GetProperty("State").GetProperty("Uid").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(250, reviews.Count(r => r.GetProperty("EventId").GetInt32() == 1000));
        Assert.All(reviews.Where(r => r.GetProperty("EventId").GetInt32() == 1001), audited =>
        {
            var state = audited.GetProperty("State");
            Assert.Equal(JsonValueKind.Array, state.GetProperty("Violations").ValueKind);
            Assert.DoesNotContain("\"rule\"", audited.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Equal(state.GetProperty("Count").GetInt32(), state.GetProperty("Violations").GetArrayLength());
        });
    }

    public static TheoryData<string, string, bool, bool> Levels => new()
    {
        { "the defaults", "", false, true },
        { "Default=Debug adds allowed reviews", "Logging__LogLevel__Default=Debug", true, true },
        { "Warning for the review logger, under the Console alias", "Logging__Console__LogLevel__Pinned.Serve.ReviewLogger=Warning", false, false },
    };

    [Theory, MemberData(nameof(Levels))]
    public async Task The_logging_configuration_decides_which_review_lines_are_written(string what, string setting, bool allowedLine, bool deniedLine)
    {
        var environment = setting.Length == 0 ? null : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };
        await using var process = PinnedProcess.Start(ServeArgs, environment);
        var address = await process.WaitForListeningAsync();
        using var client = WebhookServer.CreateClient(address, HttpVersion.Version11, DevCertificate);

        await PostAsync(client, "/validate", Reviews.WithUid("deployment-digest-pinned-allowed", "allowed-1"));
        await PostAsync(client, "/validate", Reviews.WithUid("captured-01-pod-create", "denied-1"));
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));

        var events = process.Stdout.Split('\n').Select(Parse).Select(l => l.GetProperty("EventId").GetInt32()).ToList();
        Assert.True(allowedLine == events.Contains(1002), $"{what}: allowed line {!allowedLine}\n{process.Stdout}");
        Assert.True(deniedLine == events.Contains(1000), $"{what}: denied line {!deniedLine}\n{process.Stdout}");
        Assert.Contains(1301, events); // the shutdown line is Information under every setting
    }

    [Fact]
    public async Task A_closed_stdout_neither_crashes_nor_hangs_the_server()
    {
        await using var process = PinnedProcess.Start(ServeArgs, readStdout: false);
        var address = await process.CloseStdoutOnceListeningAsync();
        using var client = WebhookServer.CreateClient(address, HttpVersion.Version20, DevCertificate);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            PostAsync(client, "/validate", Reviews.WithUid("captured-01-pod-create", $"dead-stdout-{i}"))));
        process.Terminate();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // .NET's console stream takes EPIPE as success, so the lines vanish without an error.
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
    }

    [Fact]
    public async Task A_stdout_nobody_reads_drops_lines_without_holding_up_reviews_and_reports_how_many()
    {
        const int Reviews = 20_000; // ≈ 13 MB of denial lines: more than the 8 MiB queue, the pipe and the batch buffer hold
        await using var process = PinnedProcess.Start(ServeArgs, readStdout: false);
        var address = await process.ReadStdoutUntilListeningAsync(); // and then stop reading: the pipe fills
        using var client = WebhookServer.CreateClient(address, HttpVersion.Version20, DevCertificate);
        var review = Serve.Reviews.WithUid("captured-01-pod-create", "stuck-stdout");

        var answered = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Reviews), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = TestContext.Current.CancellationToken },
            async (_, _) =>
            {
                if (await PostAsync(client, "/validate", review) == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref answered);
                }
            });
        var rest = process.ReadRestOfStdoutAsync();
        process.Terminate();

        Assert.Equal(Reviews, answered);
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
        await rest;
        var lines = process.Stdout.Split('\n').Select(Parse).ToList();
        var written = lines.Count(l => l.GetProperty("EventId").GetInt32() == 1000);
        var dropped = lines.Where(l => l.GetProperty("EventId").GetInt32() == 1400).Sum(l => l.GetProperty("State").GetProperty("Count").GetInt64());
        Assert.True(dropped > 0, $"nothing was dropped: {written} lines written");
        Assert.Equal(Reviews, written + dropped);
    }

    private static bool DevCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => certificate.Subject == "CN=pinned-dev";

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, string review)
    {
        using var response = await client.PostAsync(path, new StringContent(review, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>One stdout line as a JSON object with the fields every line has; fails on a torn or interleaved line.</summary>
    private static JsonElement Parse(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        Assert.Matches(Timestamp(), root.GetProperty("Timestamp").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("EventId").ValueKind);
        Assert.Contains(root.GetProperty("LogLevel").GetString(), LevelNames);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("Category").GetString()));
        Assert.Equal(JsonValueKind.String, root.GetProperty("Message").ValueKind);
        return root;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Timestamp();
}
