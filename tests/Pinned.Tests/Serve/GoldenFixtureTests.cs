using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Tests.Serve;

/// <summary>
/// Fixtures/&lt;case&gt;/request.json posted to a real webhook over TLS must be answered exactly as
/// expected.json (compared as JSON). Optional policy.yaml (the policy to serve) and path.txt
/// (default /validate?timeout=5s). Cases are enumerated from disk. PINNED_BLESS=1 rewrites the
/// expected answers in the source tree, for review in the diff.
/// </summary>
public sealed class GoldenFixtureTests(ServerPool pool)
{
    private static readonly string FixturesRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> Cases =>
        [.. Directory.GetDirectories(FixturesRoot).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> CapturedReviews => Requirements.SharedRows<string>(
        "the captured admission reviews (../shared/admission-reviews)",
        shared => [.. Directory.GetFiles(Path.Combine(shared, "admission-reviews"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)]);

    [Theory, MemberData(nameof(Cases))]
    public async Task Review_is_answered_as_its_golden_response(string @case)
    {
        var folder = Path.Combine(FixturesRoot, @case);
        var policy = ReadOptional(folder, "policy.yaml");
        var path = ReadOptional(folder, "path.txt")?.Trim() ?? "/validate?timeout=5s";
        var server = await pool.GetAsync(policy);

        var (status, body) = await server.PostForTextAsync(path, File.ReadAllText(Path.Combine(folder, "request.json")));

        Assert.Equal(HttpStatusCode.OK, status);
        AssertGolden(@case, body);
    }

    [Theory, MemberData(nameof(CapturedReviews))]
    public async Task Captured_review_sent_as_the_API_server_sent_it_matches_its_fixture(string file)
    {
        using var capture = JsonDocument.Parse(File.ReadAllText(SharedFiles.Path(Path.Combine("admission-reviews", file))));
        var review = capture.RootElement.GetProperty("review").GetRawText();
        var @case = "captured-" + Path.GetFileNameWithoutExtension(file);
        JsonAssert.Equivalent(File.ReadAllText(Path.Combine(FixturesRoot, @case, "request.json")), review);
        var server = await pool.GetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, capture.RootElement.GetProperty("path").GetString())
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(review)),
        };
        foreach (var header in capture.RootElement.GetProperty("headers").EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()) && header.Name != "Content-Length")
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertGolden(@case, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static void AssertGolden(string @case, string actual)
    {
        var expectedPath = Path.Combine(FixturesRoot, @case, "expected.json");
        if (Environment.GetEnvironmentVariable("PINNED_BLESS") == "1")
        {
            var source = Path.Combine(RepositoryRoot(), "tests", "Pinned.Tests", "Fixtures", @case, "expected.json");
            var pretty = JsonNode.Parse(actual)!.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            File.WriteAllText(source, pretty + "\n");
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{@case}: no expected.json (run with PINNED_BLESS=1 and review the diff)");
        JsonAssert.Equivalent(File.ReadAllText(expectedPath), actual);
    }

    private static string? ReadOptional(string folder, string name) =>
        File.Exists(Path.Combine(folder, name)) ? File.ReadAllText(Path.Combine(folder, name)) : null;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Webhook.sln");
    }
}
