using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// Decides one AdmissionReview (SPEC.md §4), with no HTTP involved: envelope → operation → exempt
/// namespace → decode → evaluate → (UPDATE) drop what the old object already had → respond.
/// </summary>
internal sealed class AdmissionDecider(PolicyEvaluator evaluator)
{
    public PolicyOptions Policy => evaluator.Options;

    /// <summary>Reads and decides a whole body; false (with a reason) when it is not a usable AdmissionReview.</summary>
    public bool TryDecide(ReadOnlyMemory<byte> body, RuleAction cap, out AdmissionDecision? decision, out string error)
    {
        if (!AdmissionReviewReader.TryRead(body.Span, out var request, out error))
        {
            decision = null;
            return false;
        }

        decision = Decide(request, cap);
        return true;
    }

    public AdmissionDecision Decide(in AdmissionRequestFields request, RuleAction cap)
    {
        if (request.Operation is "DELETE" or "CONNECT")
        {
            return Allowed(request, DecisionReasons.OperationNotJudged);
        }

        // The request's namespace, never the object's: a workload cannot exempt itself.
        if (Policy.IsNamespaceExempt(request.Namespace))
        {
            return new AdmissionDecision(AdmissionOutcome.Exempt, DecisionReasons.ExemptNamespace, AdmissionResponses.Allow(request), []);
        }

        if (request.Object.ValueKind != JsonValueKind.Object)
        {
            var message = $"request.object must be a JSON object on {request.Operation ?? "an admission request"}, "
                + $"got {AdmissionReviewReader.Describe(request.Object.ValueKind)}";
            return new AdmissionDecision(AdmissionOutcome.BadRequest, DecisionReasons.InvalidObject, AdmissionResponses.Invalid(request, message), []);
        }

        // request.kind is what the API server resolved; the object's own kind field is only a fallback.
        var workload = request.Object.ToWorkload(request.Kind);
        if (workload.PodSpec is null)
        {
            return Allowed(request, DecisionReasons.NoPodSpec);
        }

        var result = evaluator.Evaluate(workload.PodSpec, cap);
        if (request.Operation == "UPDATE" && result.Violations.Count > 0 && request.OldObject.ValueKind == JsonValueKind.Object
            && request.OldObject.ToWorkload(request.Kind).PodSpec is { } oldSpec)
        {
            result = result.ExceptPresentIn(evaluator.Evaluate(oldSpec, cap));
        }

        var response = AdmissionResponses.FromViolations(request, result.Violations);
        return response.Allowed
            ? new AdmissionDecision(AdmissionOutcome.Allowed, result.Violations.Count == 0 ? DecisionReasons.Clean : DecisionReasons.NotEnforced, response, result.Violations)
            : new AdmissionDecision(AdmissionOutcome.Denied, DecisionReasons.Enforced, response, result.Violations);
    }

    private static AdmissionDecision Allowed(in AdmissionRequestFields request, string reason) =>
        new(AdmissionOutcome.Allowed, reason, AdmissionResponses.Allow(request), []);
}
