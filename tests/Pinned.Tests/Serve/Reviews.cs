using System.Text.Json.Nodes;

namespace Pinned.Tests.Serve;

/// <summary>Review bodies for the end-to-end tests, taken from the golden fixtures (real objects).</summary>
internal static class Reviews
{
    private static readonly string FixturesRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Request(string @case) => File.ReadAllText(Path.Combine(FixturesRoot, @case, "request.json"));

    /// <summary>A fixture's request with its uid replaced, to tell concurrent answers apart.</summary>
    public static string WithUid(string @case, string uid)
    {
        var review = JsonNode.Parse(Request(@case))!;
        review["request"]!["uid"] = uid;
        return review.ToJsonString();
    }

    public static string Denied => Request("captured-01-pod-create");

    public static string Allowed => Request("deployment-digest-pinned-allowed");

    public static JsonNode Response(string body) => JsonNode.Parse(body)!["response"]!;
}
