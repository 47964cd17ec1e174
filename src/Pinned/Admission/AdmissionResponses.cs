using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>The only constructors of <see cref="AdmissionResponse"/>: each echoes the request's uid.</summary>
internal static class AdmissionResponses
{
    /// <summary>The response key; the API server prefixes the webhook name, giving "validate.pinned.dev/violations".</summary>
    public const string ViolationsAnnotation = "violations";

    public static AdmissionResponse Allow(in AdmissionRequestFields request) =>
        new() { Uid = request.Uid, Allowed = true };

    /// <summary>A bad embedded object: refused inside an HTTP 200 review, as the API server expects.</summary>
    public static AdmissionResponse Invalid(in AdmissionRequestFields request, string message) =>
        new() { Uid = request.Uid, Allowed = false, Status = new AdmissionStatus(400, "BadRequest", message) };

    /// <summary>An unexpected failure; sent with HTTP 500 so that the webhook's failurePolicy decides.</summary>
    public static AdmissionResponse Error(string uid, string message) =>
        new() { Uid = uid, Allowed = false, Status = new AdmissionStatus(500, "InternalError", message) };

    /// <summary>
    /// The verdict on a judged object. Enforced violations deny, each on its own line of the
    /// message; every other violation becomes a warning; audited ones also go to the audit log.
    /// </summary>
    public static AdmissionResponse FromViolations(in AdmissionRequestFields request, IReadOnlyList<Violation> violations)
    {
        if (violations.Count == 0)
        {
            return Allow(request);
        }

        List<string>? warnings = null;
        int denials = 0;
        bool audited = false;
        foreach (var violation in violations)
        {
            switch (violation.Action)
            {
                case RuleAction.Enforce:
                    denials++;
                    break;
                case RuleAction.Audit or RuleAction.Warn:
                    audited |= violation.Action == RuleAction.Audit;
                    (warnings ??= []).Add(violation.PreExisting ? PreExistingWarning(violation) : violation.ToString());
                    break;
            }
        }

        return new AdmissionResponse
        {
            Uid = request.Uid,
            Allowed = denials == 0,
            Status = denials == 0 ? null : new AdmissionStatus(403, "Forbidden", DenialMessage(violations)),
            Warnings = warnings,
            AuditAnnotations = audited
                ? new Dictionary<string, string> { [ViolationsAnnotation] = AuditAnnotation.Format(violations) }
                : null,
        };
    }

    // The enforced violations' lines joined by newlines, written once into the message string.
    private static string DenialMessage(IReadOnlyList<Violation> violations)
    {
        var length = -1;
        for (int i = 0; i < violations.Count; i++)
        {
            if (violations[i].Action == RuleAction.Enforce)
            {
                length += violations[i].LineLength + 1;
            }
        }

        return string.Create(length, violations, static (message, violations) =>
        {
            var at = 0;
            for (int i = 0; i < violations.Count; i++)
            {
                var violation = violations[i];
                if (violation.Action != RuleAction.Enforce)
                {
                    continue;
                }

                if (at > 0)
                {
                    message[at++] = '\n';
                }

                violation.WriteLine(message[at..]);
                at += violation.LineLength;
            }
        });
    }

    private static string PreExistingWarning(Violation violation) => $"{violation} (already present before this update)";
}
