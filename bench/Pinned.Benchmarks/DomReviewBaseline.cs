using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Benchmarks;

/// <summary>
/// The path /validate took before the streaming reader (kept here as the benchmarks' baseline):
/// JsonDocument.Parse of the whole body, the envelope read from the DOM (one pass over request's
/// properties), WorkloadDecoder on request.object with request.kind.
/// </summary>
internal static class DomReviewBaseline
{
    public static (string Uid, string? Operation, string? Namespace, string? Name, Workload Workload)? Decode(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || String(root, "apiVersion") != "admission.k8s.io/v1" || String(root, "kind") != "AdmissionReview"
            || !root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? uid = null, kind = null, operation = null, ns = null, name = null;
        JsonElement obj = default;
        foreach (var property in request.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("uid"u8))
            {
                uid = AsString(value);
            }
            else if (property.NameEquals("kind"u8))
            {
                kind = value.ValueKind == JsonValueKind.Object ? String(value, "kind") : null;
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
            else if (property.NameEquals("object"u8))
            {
                obj = value;
            }
        }

        return uid is null ? null : (uid, operation, ns, name, WorkloadDecoder.Decode(obj, kind));
    }

    private static string? AsString(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
