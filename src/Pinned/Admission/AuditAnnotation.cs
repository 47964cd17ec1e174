using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Json;
using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// The value of the violations audit annotation: compact JSON, one entry per audited violation,
/// so that audit-log tooling can query rule, path and image without parsing prose.
/// </summary>
internal static class AuditAnnotation
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ReusableJsonWriter? t_writer;

    public static string Format(IReadOnlyList<Violation> violations)
    {
        var reusable = ReusableJsonWriter.Start(ref t_writer, WriterOptions);
        var writer = reusable.Json;
        writer.WriteStartArray();
        for (int i = 0; i < violations.Count; i++)
        {
            var violation = violations[i];
            if (violation.Action != RuleAction.Audit)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("rule"u8, violation.RuleId);
            writer.WriteString("path"u8, violation.Path);
            if (violation.Image is not null)
            {
                writer.WriteString("image"u8, violation.Image);
            }

            writer.WriteString("message"u8, violation.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return Encoding.UTF8.GetString(reusable.Finish());
    }
}
