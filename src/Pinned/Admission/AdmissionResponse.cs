namespace Pinned.Admission;

/// <summary>
/// admission.k8s.io/v1 AdmissionResponse, the fields a validating webhook sets. Build it only
/// through <see cref="AdmissionResponses"/>, the one place that echoes the request's uid.
/// </summary>
internal sealed record AdmissionResponse
{
    public required string Uid { get; init; }

    public required bool Allowed { get; init; }

    public AdmissionStatus? Status { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>The API server prefixes each key with the webhook's name ("audit.pinned.dev/violations").</summary>
    public IReadOnlyDictionary<string, string>? AuditAnnotations { get; init; }
}
