using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Logging;
using Pinned.Policy;
using Pinned.Telemetry;

namespace Pinned.Serve;

/// <summary>One structured log line per judged review: the denial, the audit record, or (debug) the allow.</summary>
internal sealed class ReviewLogger(ILogger<ReviewLogger> logger)
{
    public void Log(in AdmissionRequestFields request, AdmissionDecision decision)
    {
        var violations = decision.Violations;
        switch (decision.Outcome)
        {
            case AdmissionOutcome.Denied when logger.IsEnabled(LogLevel.Information):
                var deniedRules = RuleIds(violations);
                Telemetry.Log.ReviewDenied(logger, request.Uid, request.Namespace, request.Name, request.Kind, request.Operation,
                    violations.Count, deniedRules, request.DryRun);
                break;
            case AdmissionOutcome.Allowed when violations.Count > 0 && logger.IsEnabled(LogLevel.Information):
                var rules = RuleIds(violations);
                var actions = Distinct(violations, static v => v.Action.ToConfigString());
                var details = new JsonFragment(AuditDetails(decision));
                Telemetry.Log.ReviewAudited(logger, request.Uid, request.Namespace, request.Name, request.Kind, request.Operation,
                    violations.Count, rules, actions, details, request.DryRun);
                break;
            case AdmissionOutcome.BadRequest:
                var message = decision.Response.Status?.Message ?? decision.Reason;
                Telemetry.Log.ReviewInvalidObject(logger, request.Uid, request.Namespace, request.Name, request.Kind, request.Operation, message);
                break;
            case AdmissionOutcome.Allowed or AdmissionOutcome.Exempt:
                Telemetry.Log.ReviewAllowed(logger, request.Uid, request.Namespace, request.Name, request.Kind, request.Operation,
                    decision.Reason, request.DryRun);
                break;
        }
    }

    // The response's audit annotation already holds this text when every violation was audited
    // (audit mode, /validate/audit): reuse it instead of formatting the same JSON a second time.
    private static string AuditDetails(AdmissionDecision decision)
    {
        var violations = decision.Violations;
        if (decision.Response.AuditAnnotations?.TryGetValue(AdmissionResponses.ViolationsAnnotation, out var annotation) == true
            && violations.All(v => v.Action == RuleAction.Audit))
        {
            return annotation;
        }

        return AuditAnnotation.Format([.. violations.Select(v => v with { Action = RuleAction.Audit })]);
    }

    private static string RuleIds(IReadOnlyList<Violation> violations) => Distinct(violations, static v => v.RuleId);

    // The distinct values in order of first appearance, comma-separated; a loop, not LINQ's
    // Distinct and its set, since a review has a handful of violations and this runs for every
    // denial and every audit record. Most often every violation has the same value.
    private static string Distinct(IReadOnlyList<Violation> violations, Func<Violation, string> valueOf)
    {
        var first = valueOf(violations[0]);
        List<string>? values = null;
        for (int i = 1; i < violations.Count; i++)
        {
            var value = valueOf(violations[i]);
            if (value != first && values?.Contains(value) != true)
            {
                (values ??= [first]).Add(value);
            }
        }

        return values is null ? first : string.Join(',', values);
    }
}
