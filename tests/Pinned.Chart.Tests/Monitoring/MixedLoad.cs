using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// A short mixed load, from AdmissionReviews a real API server sent (../shared/admission-reviews):
/// allowed, denied (mutable tags, a hostPath), exempt (an exempt namespace), a malformed body, and
/// mutations whose tags cannot be resolved (the registry's port is closed: calls fail, the circuit opens).
/// </summary>
internal static class MixedLoad
{
    public const string ExemptNamespace = "tools";

    /// <summary>A registry nobody listens on.</summary>
    public const string DeadRegistry = "127.0.0.1:9";

    public static async Task SendAsync(ServedChart served, string validatePath, string mutatePath, int round)
    {
        var shared = Requirements.Shared("the captured admission reviews (../shared/admission-reviews)");
        var pod = Review(shared, "01-pod-create.json");
        var deployment = Review(shared, "02-deployment-create.json");
        var hostPath = Review(shared, "09-daemonset-hostpath-create.json");
        var delete = Review(shared, "11-pod-delete-1.json");

        await PostAsync(served, validatePath, pod.ToJsonString(), HttpStatusCode.OK, allowed: false);
        await PostAsync(served, validatePath, deployment.ToJsonString(), HttpStatusCode.OK, allowed: false);
        await PostAsync(served, validatePath, hostPath.ToJsonString(), HttpStatusCode.OK, allowed: false);
        await PostAsync(served, validatePath, delete.ToJsonString(), HttpStatusCode.OK, allowed: true);
        await PostAsync(served, validatePath, WithImages(pod.DeepClone(), "registry.k8s.io/pause:3.9@sha256:" + new string('a', 64)).ToJsonString(), HttpStatusCode.OK, allowed: true);
        await PostAsync(served, validatePath, InNamespace(pod.DeepClone(), ExemptNamespace).ToJsonString(), HttpStatusCode.OK, allowed: true);
        await PostAsync(served, validatePath, "{\"kind\": \"AdmissionReview\"", HttpStatusCode.BadRequest, allowed: null);
        for (var i = 0; i < 3; i++)
        {
            // A new tag each time: the tag cache cannot answer, every one is a call.
            var mutation = WithImages(pod.DeepClone(), $"{DeadRegistry}/app:r{round}-{i}");
            await PostAsync(served, mutatePath, mutation.ToJsonString(), HttpStatusCode.OK, allowed: true);
        }
    }

    private static JsonNode Review(string shared, string file)
    {
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(shared, "admission-reviews", file)))!["review"]!.DeepClone();
        review["request"]!["uid"] = Guid.NewGuid().ToString();
        return review;
    }

    private static JsonNode WithImages(JsonNode review, string image)
    {
        review["request"]!["uid"] = Guid.NewGuid().ToString();
        foreach (var container in review["request"]!["object"]!["spec"]!["containers"]!.AsArray())
        {
            container!["image"] = image;
        }

        return review;
    }

    private static JsonNode InNamespace(JsonNode review, string @namespace)
    {
        review["request"]!["uid"] = Guid.NewGuid().ToString();
        review["request"]!["namespace"] = @namespace;
        review["request"]!["object"]!["metadata"]!["namespace"] = @namespace;
        return review;
    }

    private static async Task PostAsync(ServedChart served, string path, string body, HttpStatusCode status, bool? allowed)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await served.Client.PostAsync(new Uri(served.BaseAddress, path + "?timeout=5s"), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{path}: HTTP {(int)response.StatusCode} {text}");
        if (allowed is { } expected)
        {
            Assert.True((bool)JsonNode.Parse(text)!["response"]!["allowed"]! == expected, $"{path}: {text}");
        }
    }
}
