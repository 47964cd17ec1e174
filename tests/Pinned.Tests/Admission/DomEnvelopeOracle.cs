using System.Text.Json;
using Pinned.Admission;

namespace Pinned.Tests.Admission;

/// <summary>
/// The envelope reader /validate used before the streaming one (AdmissionEnvelope over a
/// JsonDocument), kept verbatim as the oracle of <see cref="AdmissionReviewReaderTests"/>: same
/// checks, same precedence, same error texts.
/// </summary>
internal static class DomEnvelopeOracle
{
    public readonly record struct DomFields(string Uid, string? Kind, string? Operation, string? Namespace, string? Name, string? SubResource,
        bool DryRun, JsonElement Object, JsonElement OldObject);

    public static bool TryRead(JsonElement root, out DomFields fields, out string error)
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

        // One pass over the request's properties (UTF-8 name comparisons, no allocation) instead of
        // a lookup per field, each of which would scan the properties again.
        string? uid = null, objectKind = null, operation = null, ns = null, name = null, subResource = null;
        bool dryRun = false;
        JsonElement obj = default, oldObj = default;
        foreach (var property in request.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("uid"u8))
            {
                uid = AsString(value);
            }
            else if (property.NameEquals("kind"u8))
            {
                objectKind = value.ValueKind == JsonValueKind.Object ? String(value, "kind") : null;
            }
            else if (property.NameEquals("operation"u8))
            {
                operation = AsString(value);
            }
            else if (property.NameEquals("namespace"u8))
            {
                ns = AsString(value);
            }
            else if (property.NameEquals("name"u8))
            {
                name = AsString(value);
            }
            else if (property.NameEquals("subResource"u8))
            {
                subResource = AsString(value);
            }
            else if (property.NameEquals("dryRun"u8))
            {
                dryRun = value.ValueKind == JsonValueKind.True;
            }
            else if (property.NameEquals("object"u8))
            {
                obj = value;
            }
            else if (property.NameEquals("oldObject"u8))
            {
                oldObj = value;
            }
        }

        if (uid is not { Length: > 0 })
        {
            error = "request.uid is missing or empty: the response could not echo it";
            return false;
        }

        fields = new DomFields(uid, objectKind, operation, ns, name, subResource, dryRun, obj, oldObj);
        error = string.Empty;
        return true;
    }

    private static string? AsString(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
