using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Pinned.Floor;

internal static class FloorEndpoint
{
    // A real allowed response with a fixed uid: the floor does no work that depends on the request.
    private static readonly byte[] Review = Encoding.UTF8.GetBytes(
        """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"00000000-0000-0000-0000-000000000000","allowed":true}}""");

    private static readonly byte[] NotJson = Encoding.UTF8.GetBytes("""{"status":400,"error":"the request body is not valid JSON"}""");

    // Reads the whole body (as any webhook must before it answers), then writes the constant review.
    public static async Task HandleAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await AnswerAsync(context, StatusCodes.Status200OK, Review);
    }

    /// <summary>
    /// The JSON floor: the floor plus one Utf8JsonReader pass over the whole body, the least a
    /// webhook that refuses malformed JSON must do (Pinned's reader also uses one pass, with a
    /// pooled copy of a body that spans pipe segments, as done here). Pinned ÷ this one is what
    /// Pinned's own decoding and policy cost, apart from validating JSON at all.
    /// </summary>
    public static async Task HandleWithJsonAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await reader.ReadAsync(context.RequestAborted);
            if (result.IsCompleted)
            {
                break;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var valid = IsJson(result.Buffer);
        reader.AdvanceTo(result.Buffer.End);
        await AnswerAsync(context, valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, valid ? Review : NotJson);
    }

    private static bool IsJson(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return IsJson(body.FirstSpan);
        }

        var copy = ArrayPool<byte>.Shared.Rent(checked((int)body.Length));
        try
        {
            body.CopyTo(copy);
            return IsJson(copy.AsSpan(0, (int)body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var json = new Utf8JsonReader(body);
        try
        {
            while (json.Read())
            {
            }

            return json.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ValueTask AnswerAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
