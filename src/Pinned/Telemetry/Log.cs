using Microsoft.Extensions.Logging;
using Pinned.Logging;

namespace Pinned.Telemetry;

/// <summary>The webhook's log events. Fields identify a review; the object itself is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, EventName = "ReviewDenied",
        Message = "Denied {Operation} {Kind} {ObjectNamespace}/{ObjectName} (uid {Uid}, dry run {DryRun}): {Count} violation(s) of {RuleIds}")]
    public static partial void ReviewDenied(ILogger logger, string uid, string? objectNamespace, string? objectName, string? kind, string? operation,
        int count, string ruleIds, bool dryRun);

    // The violations (rule, path, image, message of each) are in State only, as JSON: the message
    // stays one short sentence, and the line carries them once. The generator keeps a parameter
    // the template does not name in the state (SYSLIB1015 only warns that it is not in the text),
    // under the parameter's own name: hence `Violations`, capitalised like the template's keys.
#pragma warning disable SYSLIB1015
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, EventName = "ReviewAudited",
        Message = "Allowed with violations {Operation} {Kind} {ObjectNamespace}/{ObjectName} (uid {Uid}, dry run {DryRun}): {Count} violation(s) of {RuleIds}, actions {Actions}")]
    public static partial void ReviewAudited(ILogger logger, string uid, string? objectNamespace, string? objectName, string? kind, string? operation,
        int count, string ruleIds, string actions, JsonFragment Violations, bool dryRun);
#pragma warning restore SYSLIB1015

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, EventName = "ReviewAllowed",
        Message = "Allowed {Operation} {Kind} {ObjectNamespace}/{ObjectName} (uid {Uid}, dry run {DryRun}): {Reason}")]
    public static partial void ReviewAllowed(ILogger logger, string uid, string? objectNamespace, string? objectName, string? kind, string? operation,
        string reason, bool dryRun);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, EventName = "ReviewInvalidObject",
        Message = "Refused {Operation} {Kind} {ObjectNamespace}/{ObjectName} (uid {Uid}): {Error}")]
    public static partial void ReviewInvalidObject(ILogger logger, string uid, string? objectNamespace, string? objectName, string? kind, string? operation,
        string error);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, EventName = "BadRequest",
        Message = "Rejected a request to {Path} with HTTP {StatusCode}: {Error}")]
    public static partial void BadRequest(ILogger logger, string path, int statusCode, string error);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, EventName = "UnhandledException",
        Message = "Unexpected error while answering {Path} (uid {Uid})")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string path, string? uid);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, EventName = "CertificateLoaded",
        Message = "Serving certificate loaded: subject {Subject}, thumbprint {Thumbprint}, expires {NotAfter:O}")]
    public static partial void CertificateLoaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, EventName = "CertificateReloadFailed",
        Message = "Could not load the certificate from {CertPath} and {KeyPath}; still serving the previous one: {Error}")]
    public static partial void CertificateReloadFailed(ILogger logger, string certPath, string keyPath, string error);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, EventName = "Listening",
        Message = "pinned serve listening on {Endpoint} (mode {Mode}, exempt namespaces: {ExemptNamespaces})")]
    public static partial void Listening(ILogger logger, string endpoint, string mode, string exemptNamespaces);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, EventName = "ShutdownStarted",
        Message = "Shutdown started: readiness is now false; waiting {Delay} before draining in-flight reviews")]
    public static partial void ShutdownStarted(ILogger logger, TimeSpan delay);
}
