using System.Text.Json;

namespace Pinned.Admission;

/// <summary>
/// Reads and checks the AdmissionReview envelope. An envelope error is the caller's fault and gets
/// an HTTP 400; a bad embedded object is judged later and answered inside the review.
/// </summary>
internal static class AdmissionEnvelope
{
    public static bool TryRead(JsonElement root, out AdmissionRequestFields fields, out string error)
    {
        fields = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"the body must be a JSON object (an AdmissionReview), not {Describe(root.ValueKind)}";
            return false;
        }

        var apiVersion = String(root, "apiVersion");
        var kind = String(root, "kind");
        if (kind != AdmissionReviewResponse.ReviewKind || apiVersion != AdmissionReviewResponse.ReviewApiVersion)
        {
            error = $"expected kind AdmissionReview, apiVersion {AdmissionReviewResponse.ReviewApiVersion}; "
                + $"got kind {Quote(kind)}, apiVersion {Quote(apiVersion)} (set admissionReviewVersions: [v1])";
            return false;
        }

        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            error = "the AdmissionReview has no request object";
            return false;
        }

        if (String(request, "uid") is not { Length: > 0 } uid)
        {
            error = "request.uid is missing or empty: the response could not echo it";
            return false;
        }

        fields = new AdmissionRequestFields(
            uid,
            request.TryGetProperty("kind", out var gvk) && gvk.ValueKind == JsonValueKind.Object ? String(gvk, "kind") : null,
            String(request, "operation"),
            String(request, "namespace"),
            String(request, "name"),
            String(request, "subResource"),
            request.TryGetProperty("dryRun", out var dryRun) && dryRun.ValueKind == JsonValueKind.True,
            Property(request, "object"),
            Property(request, "oldObject"));
        error = string.Empty;
        return true;
    }

    private static JsonElement Property(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : default;

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Echoes a caller's value in an error, cut short so that a huge value cannot bloat the answer.</summary>
    private static string Quote(string? value) =>
        value is null ? "(none)" : value.Length <= 64 ? $"'{value}'" : $"'{value[..64]}…'";

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Undefined => "missing",
        _ => "an object",
    };
}
