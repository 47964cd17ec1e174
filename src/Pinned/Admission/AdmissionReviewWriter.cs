using System.Text.Encodings.Web;
using System.Text.Json;
using Pinned.Json;

namespace Pinned.Admission;

/// <summary>
/// Writes the AdmissionReview answer straight to UTF-8 with one reused writer per thread. The
/// source-generated serializer took its metadata-driven path for this type (a converter per
/// property, an array per answer); a review is answered tens of thousands of times a second.
/// The JSON is the serializer's, field for field (AdmissionReviewWriterTests compares them).
/// </summary>
internal static class AdmissionReviewWriter
{
    // Quotes, "—" and "<digest>" stay as themselves: kubectl shows the message to people, and the
    // API server is the only reader, never a browser.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ReusableJsonWriter? t_writer;

    /// <summary>The review's JSON in a buffer owned by this thread: copy it out before the thread writes another.</summary>
    public static ReadOnlySpan<byte> Write(AdmissionResponse response)
    {
        var reusable = ReusableJsonWriter.Start(ref t_writer, Options);
        WriteReview(reusable.Json, response);
        return reusable.Finish();
    }

    private static void WriteReview(Utf8JsonWriter writer, AdmissionResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, AdmissionReviewResponse.ReviewApiVersion);
        writer.WriteString("kind"u8, AdmissionReviewResponse.ReviewKind);
        writer.WriteStartObject("response"u8);
        writer.WriteString("uid"u8, response.Uid);
        writer.WriteBoolean("allowed"u8, response.Allowed);
        if (response.Status is { } status)
        {
            writer.WriteStartObject("status"u8);
            writer.WriteNumber("code"u8, status.Code);
            writer.WriteString("reason"u8, status.Reason);
            WriteLines(writer, "message"u8, status.Message);
            writer.WriteEndObject();
        }

        if (response.Warnings is { } warnings)
        {
            writer.WriteStartArray("warnings"u8);
            for (int i = 0; i < warnings.Count; i++)
            {
                writer.WriteStringValue(warnings[i]);
            }

            writer.WriteEndArray();
        }

        if (response.AuditAnnotations is { } annotations)
        {
            writer.WriteStartObject("auditAnnotations"u8);
            foreach (var (key, value) in annotations)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // A denial's message is one line per violation. Written whole, the first newline sends the
    // writer down its escape-every-following-character path for the rest of the message; written
    // a line at a time, only the newlines are escaped.
    private static void WriteLines(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string text)
    {
        writer.WritePropertyName(name);
        var rest = text.AsSpan();
        int newline;
        while ((newline = rest.IndexOf('\n')) >= 0)
        {
            writer.WriteStringValueSegment(rest[..newline], isFinalSegment: false);
            writer.WriteStringValueSegment("\n", isFinalSegment: false);
            rest = rest[(newline + 1)..];
        }

        writer.WriteStringValueSegment(rest, isFinalSegment: true);
    }
}
