using System.Diagnostics.Metrics;
using Pinned.Telemetry;

namespace Pinned.Audit.Background;

/// <summary>
/// The pinned.audit.* metrics of the background audit. The gauges show the last completed round
/// (<see cref="AuditRoundCounts"/>, counts only); a replica that does not lead shows leader 0 and
/// no findings, so that a sum over replicas counts each finding once.
/// </summary>
internal sealed class AuditTelemetry
{
    // A round of a small cluster takes well under a second; a big one, minutes.
    private static readonly double[] RoundBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000];

    private readonly Counter<long> _rounds;
    private readonly Histogram<double> _roundDuration;
    private volatile AuditRoundCounts _counts = AuditRoundCounts.Empty;
    private volatile bool _leader;
    private long _lastSuccessUnixSeconds;

    public AuditTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WebhookTelemetry.Name);
        _rounds = meter.CreateCounter<long>("pinned.audit.rounds", "{round}",
            "Background audit rounds, by outcome: success, partial (some kind could not be read), failed.");
        _roundDuration = meter.CreateHistogram("pinned.audit.round.duration", "s",
            "Time of one background audit round, listing included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundBuckets });
        meter.CreateObservableGauge("pinned.audit.findings", ObserveFindings, "{finding}",
            "Results of the last round that violate a rule, by namespace, rule and action.");
        meter.CreateObservableGauge("pinned.audit.drift", ObserveDrift, "{drift}",
            "Drifts found by the last round, by namespace and kind (tag-on-several-digests, pinned-but-different).");
        meter.CreateObservableGauge("pinned.audit.objects", ObserveObjects, "{object}",
            "Objects listed by the last round, by kind.");
        meter.CreateObservableGauge("pinned.audit.leader", () => _leader ? 1 : 0, "{leader}",
            "1 while this replica holds the audit Lease and runs the rounds, else 0.");
        meter.CreateObservableGauge("pinned.audit.last_success_time", () => Interlocked.Read(ref _lastSuccessUnixSeconds), "s",
            "Unix time at which the last complete round ended; 0 before the first.");
    }

    public void SetLeader(bool leader)
    {
        _leader = leader;
        if (!leader)
        {
            _counts = AuditRoundCounts.Empty;
        }
    }

    public void RecordRound(string outcome, TimeSpan elapsed, AuditRoundCounts? counts, DateTimeOffset endedAt)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _rounds.Add(1, tag);
        _roundDuration.Record(elapsed.TotalSeconds, tag);
        if (counts is not null)
        {
            _counts = counts;
        }

        if (outcome == AuditRoundOutcome.Success)
        {
            Interlocked.Exchange(ref _lastSuccessUnixSeconds, endedAt.ToUnixTimeSeconds());
        }
    }

    private IEnumerable<Measurement<int>> ObserveFindings() =>
        _counts.Findings.Select(f => new Measurement<int>(f.Value,
            new("namespace", f.Key.Namespace), new("rule", f.Key.Rule), new("action", f.Key.Action)));

    private IEnumerable<Measurement<int>> ObserveDrift() =>
        _counts.Drift.Select(d => new Measurement<int>(d.Value, new("namespace", d.Key.Namespace), new("kind", d.Key.Kind)));

    private IEnumerable<Measurement<int>> ObserveObjects() =>
        _counts.Objects.Select(o => new Measurement<int>(o.Value, new KeyValuePair<string, object?>("kind", o.Key)));
}
