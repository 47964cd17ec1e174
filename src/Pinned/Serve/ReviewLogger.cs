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
                var actions = string.Join(',', violations.Select(v => v.Action.ToConfigString()).Distinct());
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

    // The distinct rule ids in order of first appearance; a loop, not LINQ's Distinct and its set,
    // since a review has a handful of violations and this runs for every denial.
    private static string RuleIds(IReadOnlyList<Violation> violations)
    {
        if (violations.Count == 1)
        {
            return violations[0].RuleId;
        }

        var ids = new List<string>(violations.Count);
        for (int i = 0; i < violations.Count; i++)
        {
            if (!ids.Contains(violations[i].RuleId))
            {
                ids.Add(violations[i].RuleId);
            }
        }

        return string.Join(',', ids);
    }
}
