using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinned.Admission;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// Writing the answer: the source-generated serializer (baseline) against AdmissionReviewWriter,
/// for an allowed review and for a denial with ten violations (a ~2.5 KB message with newlines).
/// </summary>
[MemoryDiagnoser]
public class AdmissionAnswerBenchmarks
{
    private static readonly AdmissionRequestFields Request = new("9f0e8d7c-6b5a-4321-8fed-cba987654321", "Pod", "CREATE", "demo", "web", null, false, DecodedObject.Missing, DecodedObject.Missing);

    private readonly AdmissionResponse _allowed = AdmissionResponses.Allow(Request);

    private readonly AdmissionResponse _denied = AdmissionResponses.FromViolations(Request,
        [.. Enumerable.Range(0, 10).Select(i => new Violation(RuleIds.ImageDigest, $"spec.containers[{i}].image", $"registry.example.com/legacy/app{i}:4.2",
            $"image 'registry.example.com/legacy/app{i}:4.2' is not pinned by digest, so the registry can change what it runs",
            $"pin it with 'pinned pin', or write registry.example.com/legacy/app{i}:4.2@sha256:<digest>", RuleAction.Enforce))]);

    [Benchmark(Baseline = true)]
    public int SerializerDenied() =>
        JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(_denied), AdmissionJsonContext.Relaxed.AdmissionReviewResponse).Length;

    [Benchmark]
    public int WriterDenied() => AdmissionReviewWriter.Write(_denied).Length;

    [Benchmark]
    public int SerializerAllowed() =>
        JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(_allowed), AdmissionJsonContext.Relaxed.AdmissionReviewResponse).Length;

    [Benchmark]
    public int WriterAllowed() => AdmissionReviewWriter.Write(_allowed).Length;
}
