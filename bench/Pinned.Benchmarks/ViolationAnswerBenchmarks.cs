using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Logging;
using Pinned.Policy;
using Pinned.Serve;

namespace Pinned.Benchmarks;

/// <summary>
/// What /validate does for a review with violations once the body is read: decide, write the
/// answer, format the structured log line (to a null stream, through the batched writer). The
/// denied review (10 violations, enforced) and the audit review (3 violations, sent to
/// /validate/audit). Reading alone is the baseline, so the ratio is pinned's own work per read.
/// </summary>
[MemoryDiagnoser, MinColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1063", Justification = "BenchmarkDotNet needs an unsealed class; it calls Dispose as the global cleanup.")]
public class ViolationAnswerBenchmarks : IDisposable
{
    private readonly AdmissionDecider _decider = new(new PolicyEvaluator(PolicyOptions.Default));
    private BatchedJsonLoggerProvider _logs = null!;
    private ReviewLogger _reviewLogger = null!;
    private byte[] _body = [];

    [Params("pod-denied-10.json", "pod-audit.json")]
    public string Payload { get; set; } = "";

    private RuleAction Cap => Payload == "pod-audit.json" ? RuleAction.Audit : RuleAction.Enforce;

    [GlobalSetup]
    public void Setup()
    {
        var file = Payload == "pod-denied-10.json" ? "denied-review.json" : Payload;
        _body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", file));
        _logs = new BatchedJsonLoggerProvider(Stream.Null, BatchedLogWriter.DefaultMaxQueuedBytes, TimeProvider.System, TimeSpan.FromSeconds(5));
        _reviewLogger = new ReviewLogger(new Logger<ReviewLogger>(new LoggerFactory([_logs])));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _logs?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public bool ReadOnly() => AdmissionReviewReader.TryRead(_body, out _, out _);

    [Benchmark]
    public int ReadDecideWriteLog()
    {
        if (!AdmissionReviewReader.TryRead(_body, out var request, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var decision = _decider.Decide(request, Cap);
        _reviewLogger.Log(request, decision);
        return AdmissionReviewWriter.Write(decision.Response).Length;
    }

    // The parts of ReadDecideWriteLog, on a review read and decided once in the setup.
    private readonly PolicyEvaluator _evaluator = new(PolicyOptions.Default);
    private AdmissionRequestFields _request;
    private AdmissionDecision _decision = null!;

    [GlobalSetup(Targets = [nameof(Evaluate), nameof(Respond), nameof(Annotate), nameof(LogLine), nameof(Write)])]
    public void SetupParts()
    {
        Setup();
        if (!AdmissionReviewReader.TryRead(_body, out _request, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _decision = _decider.Decide(_request, Cap);
    }

    [Benchmark]
    public int Evaluate() => _evaluator.Evaluate(_request.Object.ToWorkload(_request.Kind).PodSpec!, Cap).Violations.Count;

    [Benchmark]
    public bool Respond() => AdmissionResponses.FromViolations(_request, _decision.Violations).Allowed;

    [Benchmark]
    public int Annotate() => AuditAnnotation.Format(_decision.Violations).Length;

    [Benchmark]
    public void LogLine() => _reviewLogger.Log(_request, _decision);

    [Benchmark]
    public int Write() => AdmissionReviewWriter.Write(_decision.Response).Length;
}
