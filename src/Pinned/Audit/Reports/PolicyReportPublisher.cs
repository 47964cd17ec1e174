using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using Pinned.Audit.Background;

namespace Pinned.Audit.Reports;

/// <summary>
/// Publishes a round as one PolicyReport per namespace with failures (<see cref="PolicyReportBuilder"/>),
/// named <see cref="PolicyReports.Name"/> and labelled as Pinned's: replaced in place when it
/// exists, created when not, deleted when its namespace is clean. Only reports with Pinned's label
/// are replaced or deleted. Without the CRD it says so once and checks again each round. A
/// namespace that fails is logged and the others are still written; only cancellation throws.
/// </summary>
internal sealed class PolicyReportPublisher(IKubernetes client, ILogger<PolicyReportPublisher> logger) : IAuditRoundPublisher
{
    private readonly PolicyReportStore _store = new(client, new ClusterReadOptions());
    private bool _crdAbsentSaid;

    public async Task PublishAsync(AuditReport report, CancellationToken ct)
    {
        if (await ListAsync(ct).ConfigureAwait(false) is not { } published)
        {
            return;
        }

        var reports = PolicyReportBuilder.Build(report);
        var ours = published.ToDictionary(p => p.Namespace, StringComparer.Ordinal);
        int written = 0, failed = 0;
        foreach (var namespaceReport in reports)
        {
            if (await TryAsync(namespaceReport.Namespace, "write", c => WriteAsync(namespaceReport, ours.GetValueOrDefault(namespaceReport.Namespace), c), ct).ConfigureAwait(false))
            {
                written++;
            }
            else
            {
                failed++;
            }
        }

        var reported = reports.Select(r => r.Namespace).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var stale in published.Where(p => !reported.Contains(p.Namespace)))
        {
            if (await TryAsync(stale.Namespace, "delete", async c =>
            {
                await _store.DeleteAsync(stale, c).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false))
            {
                deleted++;
            }
            else
            {
                failed++;
            }
        }

        ReportsLog.Published(logger, written, deleted, failed);
    }

    /// <summary>Pinned's reports, or null when they cannot be listed this round (no CRD, or a failure already logged).</summary>
    private async Task<IReadOnlyList<PublishedReport>?> ListAsync(CancellationToken ct)
    {
        try
        {
            var published = await _store.ListOursAsync(ct).ConfigureAwait(false);
            if (_crdAbsentSaid)
            {
                _crdAbsentSaid = false;
                ReportsLog.CrdFound(logger);
            }

            return published;
        }
        catch (KubeApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            if (!_crdAbsentSaid)
            {
                _crdAbsentSaid = true;
                ReportsLog.CrdAbsent(logger);
            }

            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            ReportsLog.NotListed(logger, e);
            return null;
        }
    }

    /// <summary>Replaces the namespace's report (or creates it); on a conflict, reads it again and tries once more.</summary>
    /// <returns>False when the name is taken by a report that is not Pinned's (left alone).</returns>
    private async Task<bool> WriteAsync(NamespaceReport report, PublishedReport? known, CancellationToken ct)
    {
        try
        {
            await WriteOnceAsync(report, known, ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            var fresh = await _store.GetAsync(report.Namespace, ct).ConfigureAwait(false);
            if (fresh is { Ours: false })
            {
                ReportsLog.NotOurs(logger, fresh.Namespace, fresh.Name);
                return false;
            }

            await WriteOnceAsync(report, fresh, ct).ConfigureAwait(false);
            return true;
        }
    }

    private Task WriteOnceAsync(NamespaceReport report, PublishedReport? known, CancellationToken ct) =>
        known is null
            ? _store.CreateAsync(report.Namespace, PolicyReportDocument.Create(report, null), ct)
            : _store.ReplaceAsync(report.Namespace, PolicyReportDocument.Create(report, known.ResourceVersion), ct);

    /// <summary>One namespace's call: its failure is logged and does not stop the others.</summary>
    private async Task<bool> TryAsync(string ns, string action, Func<CancellationToken, Task<bool>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            ReportsLog.Failed(logger, e, ns, PolicyReports.Name, action);
            return false;
        }
    }
}
