using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pinned.Admission;
using Pinned.Policy;
using Pinned.Tls;

namespace Pinned.Telemetry;

/// <summary>
/// The webhook's meter and activity source. Labels are bounded: outcome, operation, kind (the
/// workload kinds Pinned knows, else "other"), rule and action; never image, pod or namespace.
/// The serving certificate's expiry is read from <see cref="CertificateStore"/> at each scrape,
/// so a rotation shows at the next one.
/// </summary>
internal sealed class WebhookTelemetry
{
    public const string Name = "Pinned";

    // Sub-millisecond buckets: a review takes microseconds; the tail up to the API server's 5 s timeout.
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _violations;
    private readonly Histogram<double> _duration;

    public WebhookTelemetry(IMeterFactory meterFactory, CertificateStore certificates)
    {
        var meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>("pinned.admission.requests", "{request}",
            "Admission reviews answered, by outcome (allowed, denied, exempt, errored, bad_request), operation and kind.");
        _violations = meter.CreateCounter<long>("pinned.admission.violations", "{violation}",
            "Violations found, by rule and by the action taken (enforce, audit, warn).");
        _duration = meter.CreateHistogram("pinned.admission.duration", "s",
            "Time from the start of a review to its answer, body read included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("pinned.certificate.expiry_timestamp", () => ExpiryOf(certificates), "s",
            "Unix time at which the serving certificate in use expires (its notAfter).");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public void RecordReview(AdmissionOutcome outcome, string? operation, string? kind, bool dryRun, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "outcome", OutcomeLabel(outcome) },
            { "operation", OperationLabel(operation) },
            { "kind", KindLabel(kind) },
            { "dry_run", dryRun ? "true" : "false" },
        };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>
    /// One counter update per (rule, action) pair, not per violation: a denial usually repeats a
    /// pair (ten unpinned images are ten image-digest enforcements), and each update costs a
    /// tag-set lookup in the metrics SDK.
    /// </summary>
    public void RecordViolations(IReadOnlyList<Violation> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        Span<int> counts = stackalloc int[RuleIds.All.Count * ActionCount];
        for (int i = 0; i < violations.Count; i++)
        {
            var violation = violations[i];
            int rule = RuleIndex(violation.RuleId);
            if (rule < 0)
            {
                AddViolations(violation.RuleId, violation.Action, 1);
                continue;
            }

            counts[(rule * ActionCount) + (int)violation.Action]++;
        }

        for (int slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] > 0)
            {
                AddViolations(RuleIds.All[slot / ActionCount], (RuleAction)(slot % ActionCount), counts[slot]);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ExpiryOf(CertificateStore certificates) =>
        certificates.Certificate is { } certificate
            ? [new Measurement<long>(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds())]
            : [];

    private const int ActionCount = (int)RuleAction.Enforce + 1;

    private static int RuleIndex(string ruleId)
    {
        var rules = RuleIds.All;
        for (int i = 0; i < rules.Count; i++)
        {
            if (string.Equals(rules[i], ruleId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void AddViolations(string ruleId, RuleAction action, int count) =>
        _violations.Add(count,
            new KeyValuePair<string, object?>("rule", ruleId),
            new KeyValuePair<string, object?>("action", action.ToConfigString()));

    public static string OutcomeLabel(AdmissionOutcome outcome) => outcome switch
    {
        AdmissionOutcome.Allowed => "allowed",
        AdmissionOutcome.Denied => "denied",
        AdmissionOutcome.Exempt => "exempt",
        AdmissionOutcome.Errored => "errored",
        _ => "bad_request",
    };

    public static string OperationLabel(string? operation) => operation switch
    {
        "CREATE" => "CREATE",
        "UPDATE" => "UPDATE",
        "DELETE" => "DELETE",
        "CONNECT" => "CONNECT",
        null => "none",
        _ => "other",
    };

    public static string KindLabel(string? kind) =>
        kind is null ? "none" : WorkloadKinds.PodSpecPath(kind) is not null ? kind : "other";
}
