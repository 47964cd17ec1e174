using Microsoft.Extensions.Logging;

namespace Pinned.Audit.Reports;

/// <summary>The PolicyReport publisher's log events (2100–2199; the background audit has 2000–2099).</summary>
internal static partial class ReportsLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, EventName = "ReportCrdAbsent",
        Message = "PolicyReports are not written: the API server has no policyreports.wgpolicyk8s.io/v1alpha2 (install the wgpolicyk8s.io CRDs, or set audit.reports=false); checked again each round, said once")]
    public static partial void CrdAbsent(ILogger logger);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, EventName = "ReportCrdFound",
        Message = "policyreports.wgpolicyk8s.io/v1alpha2 is installed now: PolicyReports are written")]
    public static partial void CrdFound(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, EventName = "ReportsPublished",
        Message = "PolicyReports: {Written} written, {Deleted} deleted, {Failed} failed")]
    public static partial void Published(ILogger logger, int written, int deleted, int failed);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, EventName = "ReportsNotListed",
        Message = "PolicyReports not published this round: listing Pinned's reports failed")]
    public static partial void NotListed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, EventName = "ReportFailed",
        Message = "PolicyReport {Namespace}/{Name}: {Action} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string @namespace, string name, string action);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, EventName = "ReportNotOurs",
        Message = "PolicyReport {Namespace}/{Name} exists without the label app.kubernetes.io/managed-by=pinned: left alone, so this namespace has no Pinned report")]
    public static partial void NotOurs(ILogger logger, string @namespace, string name);
}
