using BenchmarkDotNet.Attributes;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// Evaluating an already-decoded typical pod (3 containers, 2 volumes) with the default policy.
/// Target: ≤ 1 µs. The denied pod (same shape, unpinned images and a hostPath) shows what
/// building violations costs.
/// </summary>
[MemoryDiagnoser, MinColumn]
public class EvaluateBenchmarks
{
    private readonly PolicyEvaluator _evaluator = new(PolicyOptions.Default);
    private PodSpecView _allowed = null!;
    private PodSpecView _denied = null!;

    [GlobalSetup]
    public void Setup()
    {
        _allowed = Payload.TypicalPod();
        _denied = new PodSpecView("spec",
            [.. _allowed.Containers.Select((c, i) => c with { Image = i == 0 ? "nginx" : "registry.example.com/shop/web:2.14.1" })],
            [_allowed.Volumes[0], _allowed.Volumes[1] with { HostPath = "/var/run/docker.sock" }]);
    }

    [Benchmark(Baseline = true)]
    public EvaluationResult EvaluateAllowed() => _evaluator.Evaluate(_allowed);

    [Benchmark]
    public EvaluationResult EvaluateDenied() => _evaluator.Evaluate(_denied);
}
