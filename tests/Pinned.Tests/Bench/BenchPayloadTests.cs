using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Tests.Bench;

/// <summary>
/// The load test's payloads (bench/payloads, made by generate.sh) must keep meaning what their
/// names say under the default policy, or the figures in PERFORMANCE.md measure the wrong path.
/// </summary>
public sealed class BenchPayloadTests
{
    public static TheoryData<string, string, int, int> Payloads => new()
    {
        { "pod-allowed.json", "Pod", 0, 4 * 1024 },
        { "deployment-large.json", "Deployment", 0, 60 * 1024 },
        { "pod-denied-10.json", "Pod", 10, 5 * 1024 },
        { "pod-audit.json", "Pod", 3, 4 * 1024 },
    };

    [Theory, MemberData(nameof(Payloads))]
    public void Payload_is_a_real_review_with_the_violations_its_name_promises(string file, string kind, int violations, int approximateSize)
    {
        var path = RepositoryRoot.Combine("bench", "payloads", file);
        var bytes = File.ReadAllBytes(path);
        using var document = JsonDocument.Parse(bytes);
        var review = document.RootElement;
        Assert.Equal("admission.k8s.io/v1", review.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", review.GetProperty("kind").GetString());
        var request = review.GetProperty("request");
        Assert.Equal("CREATE", request.GetProperty("operation").GetString());
        Assert.Equal(kind, request.GetProperty("kind").GetProperty("kind").GetString());
        Assert.InRange(bytes.Length, approximateSize * 0.8, approximateSize * 1.2);

        var workload = WorkloadDecoder.Decode(request.GetProperty("object"));
        Assert.NotNull(workload.PodSpec);
        var result = new PolicyEvaluator(PolicyOptions.Default).Evaluate(workload.PodSpec);
        Assert.Equal(violations, result.Violations.Count);
        Assert.Equal(violations > 0, result.Denied);
    }
}
