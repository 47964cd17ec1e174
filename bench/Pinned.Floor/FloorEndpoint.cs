using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Pinned.Floor;

internal static class FloorEndpoint
{
    /// <summary>
    /// The floor: reads the whole body (as any webhook must before it answers) and allows it,
    /// echoing request.uid (the API server rejects an answer whose uid differs) found by a byte
    /// search for the first "uid" key, which in an API server's AdmissionReview is request.uid.
    /// </summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        try
        {
            var answer = FloorAnswer.Allowed(FirstUid(body.Span));
            await WriteAsync(context, StatusCodes.Status200OK, answer);
        }
        finally
        {
            body.Dispose();
        }
    }

    /// <summary>
    /// The JSON floor: the floor plus one Utf8JsonReader pass over the whole body, the least a
    /// webhook that refuses malformed JSON must do (Pinned's reader also uses one pass, with a
    /// pooled copy of a body that spans pipe segments, as done here); request.uid comes from that
    /// pass. Pinned ÷ this one is what Pinned's own decoding and policy cost, apart from
    /// validating JSON at all.
    /// </summary>
    public static async Task HandleWithJsonAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        try
        {
            var answer = RequestUid(body.Span, out var uid) ? FloorAnswer.Allowed(uid) : null;
            await WriteAsync(context, answer is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, answer ?? FloorAnswer.NotJson);
        }
        finally
        {
            body.Dispose();
        }
    }

    // The whole body, contiguous: the pipe's own segment when it holds all of it, else a pooled copy.
    private static async Task<PooledBody> ReadBodyAsync(HttpContext context)
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

        var length = checked((int)result.Buffer.Length);
        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        result.Buffer.CopyTo(copy);
        reader.AdvanceTo(result.Buffer.End);
        return new PooledBody(copy, length);
    }

    private static ReadOnlySpan<byte> FirstUid(ReadOnlySpan<byte> body)
    {
        var key = "\"uid\":\""u8;
        var at = body.IndexOf(key);
        if (at < 0)
        {
            return default;
        }

        var rest = body[(at + key.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }

    private static bool RequestUid(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> uid)
    {
        uid = default;
        var json = new Utf8JsonReader(body);
        try
        {
            while (json.Read())
            {
                // request.uid: a property two objects deep (the review, then its request).
                if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == 2 && uid.IsEmpty && json.ValueTextEquals("uid"u8))
                {
                    json.Read();
                    uid = json.ValueSpan;
                }
            }

            return json.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, FloorAnswer answer)
    {
        try
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer.Memory, context.RequestAborted);
        }
        finally
        {
            answer.Dispose();
        }
    }
}
