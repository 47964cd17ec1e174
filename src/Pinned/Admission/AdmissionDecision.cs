using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// The verdict on one review: the response to send, why (a stable reason for logs), and the
/// violations behind it (for metrics and the audit log line).
/// </summary>
internal sealed record AdmissionDecision(
    AdmissionOutcome Outcome,
    string Reason,
    AdmissionResponse Response,
    IReadOnlyList<Violation> Violations);
