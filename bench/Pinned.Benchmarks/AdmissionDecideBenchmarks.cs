using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinned.Admission;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// What `pinned serve` does per review between reading the body and writing the answer, with no
/// HTTP: parse, envelope, decode, evaluate, build the response, serialize it. The typical 4 KB
/// review (allowed) and a denied one (10 violations) from bench/payloads. Target for the
/// decision: ≤ 15 µs and ≤ 4 KB allocated on the typical review.
/// </summary>
[MemoryDiagnoser, MinColumn]
public class AdmissionDecideBenchmarks
{
    private readonly AdmissionDecider _decider = new(new PolicyEvaluator(PolicyOptions.Default));
    private readonly byte[] _typical = Payload.TypicalReview;
    private readonly byte[] _denied = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "denied-review.json"));

    private readonly PolicyEvaluator _evaluator = new(PolicyOptions.Default);

    /// <summary>The engine's share alone (parse, decode, evaluate), so that the ratio shows what the webhook adds.</summary>
    [Benchmark(Baseline = true)]
    public bool EngineOnlyTypical()
    {
        using var document = JsonDocument.Parse(_typical);
        var workload = WorkloadDecoder.Decode(document.RootElement.GetProperty("request").GetProperty("object"));
        return workload.PodSpec is { } spec && _evaluator.Evaluate(spec).Denied;
    }

    [Benchmark]
    public bool DecideTypical() => Decide(_typical).Response.Allowed;

    [Benchmark]
    public int DecideAndSerializeTypical() =>
        JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(Decide(_typical).Response), AdmissionJsonContext.Relaxed.AdmissionReviewResponse).Length;

    [Benchmark]
    public int DecideAndSerializeDenied() =>
        JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(Decide(_denied).Response), AdmissionJsonContext.Relaxed.AdmissionReviewResponse).Length;

    private AdmissionDecision Decide(byte[] body) =>
        _decider.TryDecide(body, RuleAction.Enforce, out var decision, out var error) ? decision! : throw new InvalidOperationException(error);
}
