using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinned.Mutation;

/// <summary>The AdmissionReview the mutating webhook answers with: allowed, plus a JSONPatch.</summary>
internal sealed record MutationReview(MutationResponse Response)
{
    [JsonPropertyOrder(-2)]
    public string ApiVersion { get; init; } = Admission.AdmissionReviewResponse.ReviewApiVersion;

    [JsonPropertyOrder(-1)]
    public string Kind { get; init; } = Admission.AdmissionReviewResponse.ReviewKind;
}

/// <summary>
/// admission.k8s.io/v1 AdmissionResponse of a mutating webhook. It never denies: what cannot
/// be pinned is left for the validating webhook to judge. <see cref="Patch"/> is serialised as
/// base64, as the API server expects.
/// </summary>
internal sealed record MutationResponse
{
    public required string Uid { get; init; }

    public bool Allowed { get; init; } = true;

    public string? PatchType { get; init; }

    public byte[]? Patch { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MutationReview))]
[JsonSerializable(typeof(IReadOnlyList<ImagePatchOperation>))]
internal sealed partial class MutationJsonContext : JsonSerializerContext
{
    /// <summary>Warnings are read by people: write quotes and "…" as themselves, not \u escapes.</summary>
    public static MutationJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
