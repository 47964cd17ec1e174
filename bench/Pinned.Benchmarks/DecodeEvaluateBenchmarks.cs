using System.Text.Json;
using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// A typical 4 KB AdmissionReview from bytes to a verdict: JsonDocument.Parse, WorkloadDecoder
/// over the JsonElement, evaluation. Target: ≤ 15 µs and ≤ 4 KB allocated. The baseline is
/// JsonDocument.Parse alone; KubernetesClient's V1Pod model is the alternative the decoder was
/// measured against ("use KubernetesClient's models where they serve; decide by measuring").
/// </summary>
[MemoryDiagnoser, MinColumn]
public class DecodeEvaluateBenchmarks
{
    private readonly PolicyEvaluator _evaluator = new(PolicyOptions.Default);
    private readonly byte[] _review = Payload.TypicalReview;

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_review);
        return document.RootElement.GetArrayLength_or_property_count();
    }

    [Benchmark]
    public bool DecodeAndEvaluate()
    {
        using var document = JsonDocument.Parse(_review);
        var workload = WorkloadDecoder.Decode(document.RootElement.GetProperty("request").GetProperty("object"));
        return workload.PodSpec is { } spec && _evaluator.Evaluate(spec).Denied;
    }

    [Benchmark]
    public int KubernetesClientV1Pod()
    {
        using var document = JsonDocument.Parse(_review);
        var pod = KubernetesJson.Deserialize<V1Pod>(document.RootElement.GetProperty("request").GetProperty("object"));
        return pod.Spec.Containers.Count;
    }
}

internal static class JsonElementExtensions
{
    /// <summary>Touches the root so that the parse cannot be optimised away.</summary>
    public static int GetArrayLength_or_property_count(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.GetPropertyCount() : 0;
}
