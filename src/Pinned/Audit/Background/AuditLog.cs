using Microsoft.Extensions.Logging;

namespace Pinned.Audit.Background;

/// <summary>The background audit's log events (2000–2099): leadership, rounds, publishing.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, EventName = "AuditOff",
        Message = "Background audit off: {Reason}")]
    public static partial void AuditOff(ILogger logger, string reason);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, EventName = "AuditLeading",
        Message = "Leading the background audit (Lease {LeaseNamespace}/{Lease}, as {Identity})")]
    public static partial void Leading(ILogger logger, string leaseNamespace, string lease, string identity);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, EventName = "AuditLeader",
        Message = "Background audit leader: {Holder}")]
    public static partial void Leader(ILogger logger, string holder);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, EventName = "AuditLeaseUnreachable",
        Message = "Cannot reach the Lease {LeaseNamespace}/{Lease} of the background audit; retrying every {Seconds} s")]
    public static partial void LeaseUnreachable(ILogger logger, Exception error, string leaseNamespace, string lease, double seconds);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, EventName = "AuditLeaseReleased",
        Message = "Released the background audit Lease {LeaseNamespace}/{Lease}")]
    public static partial void LeaseReleased(ILogger logger, string leaseNamespace, string lease);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, EventName = "AuditLeaseNotReleased",
        Message = "Could not release the background audit Lease {LeaseNamespace}/{Lease}: {Reason}")]
    public static partial void LeaseNotReleased(ILogger logger, string leaseNamespace, string lease, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, EventName = "AuditStopped",
        Message = "The background audit stopped with an error")]
    public static partial void Stopped(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, EventName = "AuditRound",
        Message = "Background audit round ({Outcome}): {Objects} objects, {Results} results, {Denied} would be denied, {Drift} drifts, {Exempt} exempt, in {Seconds} s")]
    public static partial void Round(ILogger logger, string outcome, int objects, int results, int denied, int drift, int exempt, double seconds);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, EventName = "AuditRoundFailed",
        Message = "Background audit round failed; the next one starts in about {Minutes} min")]
    public static partial void RoundFailed(ILogger logger, Exception error, double minutes);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, EventName = "AuditKindUnread",
        Message = "Background audit: not audited: {Unread}")]
    public static partial void KindUnread(ILogger logger, string unread);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, EventName = "AuditPublishFailed",
        Message = "Background audit: publishing the round's results failed")]
    public static partial void PublishFailed(ILogger logger, Exception error);
}
