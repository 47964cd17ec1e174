using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>Reads PolicyReports back from the API server as a test compares them: results as lines, the summary as a tuple.</summary>
internal static class PublishedReports
{
    public static async Task<JsonElement?> GetAsync(Kubernetes client, string ns, string name = "pinned")
    {
        try
        {
            return (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(
                "wgpolicyk8s.io", "v1alpha2", ns, "policyreports", name, TestContext.Current.CancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<JsonElement> RequireAsync(Kubernetes client, string ns, string name = "pinned") =>
        await GetAsync(client, ns, name) ?? throw new Xunit.Sdk.XunitException($"no PolicyReport {ns}/{name}");

    /// <summary>"fail high image-digest Deployment/web pods=4 path=… image=…": what a result says, its message aside.</summary>
    public static string[] Lines(JsonElement report) =>
        [.. report.GetProperty("results").EnumerateArray().Select(Line)];

    public static (int Pass, int Fail, int Warn, int Error, int Skip) Summary(JsonElement report)
    {
        var summary = report.GetProperty("summary");
        return (summary.GetProperty("pass").GetInt32(), summary.GetProperty("fail").GetInt32(), summary.GetProperty("warn").GetInt32(),
            summary.GetProperty("error").GetInt32(), summary.GetProperty("skip").GetInt32());
    }

    public static string Metadata(JsonElement report, string field) => report.GetProperty("metadata").GetProperty(field).GetString()!;

    public static string? Label(JsonElement report, string key) =>
        report.GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.TryGetProperty(key, out var value) ? value.GetString() : null;

    private static string Line(JsonElement result)
    {
        var resource = Assert.Single(result.GetProperty("resources").EnumerateArray());
        var parts = new List<string>
        {
            result.GetProperty("result").GetString()!,
            result.GetProperty("severity").GetString()!,
            result.GetProperty("rule").GetString()!,
            $"{resource.GetProperty("apiVersion").GetString()} {resource.GetProperty("kind").GetString()}/{resource.GetProperty("name").GetString()}",
        };
        parts.AddRange(result.GetProperty("properties").EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}"));
        Assert.Equal("pinned", result.GetProperty("policy").GetString());
        Assert.StartsWith(result.GetProperty("category").GetString() == "Image drift" ? "" : $"[{parts[2]}] ", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        return string.Join(' ', parts);
    }
}
