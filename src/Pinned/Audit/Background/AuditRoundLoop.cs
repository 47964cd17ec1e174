using Microsoft.Extensions.Logging;
using Pinned.Policy;

namespace Pinned.Audit.Background;

/// <summary>
/// The rounds of the background audit while this replica leads: one at once, then one per
/// interval (jittered, so that replicas and restarts do not align). A round holds its report
/// only until it is counted and published; between rounds only the counts of the metrics remain.
/// </summary>
internal sealed class AuditRoundLoop(
    ClusterAudit audit,
    AuditOptions options,
    AuditTelemetry telemetry,
    IReadOnlyList<IAuditRoundPublisher> publishers,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken leading)
    {
        while (true)
        {
            await RunRoundAsync(leading).ConfigureAwait(false);
            await Task.Delay(NextWait(), time, leading).ConfigureAwait(false);
        }
    }

    public TimeSpan NextWait() => options.Interval * (1 + (Random.Shared.NextDouble() * options.Jitter));

    /// <summary>One round; throws only when <paramref name="leading"/> is cancelled.</summary>
    public async Task RunRoundAsync(CancellationToken leading)
    {
        var started = time.GetTimestamp();
        var objects = new Dictionary<string, int>(StringComparer.Ordinal);
        AuditReport report;
        try
        {
            report = await audit.RunAsync(null, (kind, listed) => objects[kind] = listed, leading).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !leading.IsCancellationRequested)
        {
            telemetry.RecordRound(AuditRoundOutcome.Failed, time.GetElapsedTime(started), null, time.GetUtcNow());
            AuditLog.RoundFailed(logger, e, options.Interval.TotalMinutes);
            return;
        }

        var outcome = report.Unread.Count == 0 ? AuditRoundOutcome.Success
            : report.Summary.Objects == 0 ? AuditRoundOutcome.Failed
            : AuditRoundOutcome.Partial;
        var elapsed = time.GetElapsedTime(started);
        telemetry.RecordRound(outcome, elapsed, AuditRoundCounts.From(report, objects, options.MetricNamespaces), time.GetUtcNow());
        var summary = report.Summary;
        var seconds = Math.Round(elapsed.TotalSeconds, 1);
        AuditLog.Round(logger, outcome, summary.Objects, summary.Results, summary.Denied, summary.Drift, summary.Exempt, seconds);
        foreach (var unread in report.Unread)
        {
            AuditLog.KindUnread(logger, unread.ToString());
        }

        if (outcome != AuditRoundOutcome.Success)
        {
            // A partial round would clear the reports of what it could not read.
            return;
        }

        foreach (var publisher in publishers)
        {
            try
            {
                await publisher.PublishAsync(report, leading).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !leading.IsCancellationRequested)
            {
                AuditLog.PublishFailed(logger, e);
            }
        }
    }
}
