namespace Pinned.Admission;

/// <summary>How a review ended; the "outcome" label of pinned.admission.requests.</summary>
internal enum AdmissionOutcome
{
    Allowed,
    Denied,
    Exempt,
    /// <summary>Pinned failed (HTTP 500); the webhook's failurePolicy decides.</summary>
    Errored,

    /// <summary>The caller's input was unusable: an HTTP 4xx, or a review refused with code 400 (bad object).</summary>
    BadRequest,
}
