namespace Pinned.Admission;

/// <summary>How a review ended; the "outcome" label of pinned.admission.requests.</summary>
internal enum AdmissionOutcome
{
    Allowed,
    Denied,
    Exempt,
    Errored,
    BadRequest,
}
