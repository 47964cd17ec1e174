namespace Pinned.Admission;

/// <summary>The AdmissionReview Pinned sends back: the envelope of one <see cref="AdmissionResponse"/>.</summary>
internal sealed record AdmissionReviewResponse(AdmissionResponse Response)
{
    public const string ReviewApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public string ApiVersion { get; init; } = ReviewApiVersion;

    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Kind { get; init; } = ReviewKind;
}
