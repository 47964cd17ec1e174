using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// The value of the violations audit annotation: compact JSON, one entry per audited violation,
/// so that audit-log tooling can query rule, path and image without parsing prose.
/// </summary>
internal static class AuditAnnotation
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(IReadOnlyList<Violation> violations)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var violation in violations)
            {
                if (violation.Action != RuleAction.Audit)
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("rule", violation.RuleId);
                writer.WriteString("path", violation.Path);
                if (violation.Image is not null)
                {
                    writer.WriteString("image", violation.Image);
                }

                writer.WriteString("message", violation.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
