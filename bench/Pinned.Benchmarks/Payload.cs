using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// The typical AdmissionReview of the engine benchmarks: a ReplicaSet-owned Pod as the API
/// server sends it (defaults, managedFields), 4.2 KB compact JSON, 3 containers (2 + 1 init,
/// all pinned) and 2 volumes (projected token, configMap). Derived from bench/payloads/pod-allowed.json.
/// </summary>
internal static class Payload
{
    public static byte[] TypicalReview { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "typical-review.json"));

    public static PodSpecView TypicalPod()
    {
        using var document = JsonDocument.Parse(TypicalReview);
        return WorkloadDecoder.Decode(document.RootElement.GetProperty("request").GetProperty("object")).PodSpec!;
    }
}
