using System.Buffers;
using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// Reads and checks an AdmissionReview body in one forward pass with no DOM: the envelope's fields,
/// and request.object / request.oldObject decoded as they go by (<see cref="StreamingWorkloadReader"/>).
/// The whole body is still validated as JSON; a syntax error anywhere wins over an envelope error,
/// as when the body was first parsed whole. An envelope error is the caller's fault and gets an
/// HTTP 400; a bad embedded object is judged later and answered inside the review.
/// </summary>
internal static class AdmissionReviewReader
{
    public const string EmptyBody = "the request body is empty; expected an AdmissionReview";

    public static bool TryRead(in ReadOnlySequence<byte> body, out AdmissionRequestFields fields, out string error)
    {
        if (body.IsSingleSegment)
        {
            return TryRead(body.FirstSpan, out fields, out error);
        }

        // Kestrel hands a 4 KB body over in two or more pipe segments. Utf8JsonReader's multi-segment
        // path is slower per token than a copy into one pooled buffer (bench/results/HISTORY.md,
        // point 1), and it words a few syntax errors differently from the contiguous reader that
        // JsonDocument.Parse used.
        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return TryRead(buffer.AsSpan(0, length), out fields, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> body, out AdmissionRequestFields fields, out string error)
    {
        fields = default;
        if (body.IsEmpty)
        {
            error = EmptyBody;
            return false;
        }

        ReviewEnvelope envelope;
        try
        {
            // Default options, as JsonDocument.Parse had: depth 64, no comments, no trailing commas.
            var reader = new Utf8JsonReader(body);
            reader.Read();
            envelope = ReviewEnvelope.Read(ref reader);
            reader.Read(); // throws on anything but whitespace after the root value
        }
        catch (JsonException e)
        {
            error = $"the request body is not valid JSON: {e.Message}";
            return false;
        }

        return envelope.TryCheck(out fields, out error);
    }

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
