namespace Pinned.Admission;

/// <summary>The metav1.Status of a refused review: HTTP-like code, machine reason, message for people.</summary>
internal sealed record AdmissionStatus(int Code, string Reason, string Message);
