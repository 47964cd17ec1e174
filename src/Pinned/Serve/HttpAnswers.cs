using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pinned.Admission;

namespace Pinned.Serve;

/// <summary>Writes JSON answers with a Content-Length (no chunking) through the source-generated serializers.</summary>
internal static class HttpAnswers
{
    public static Task WriteErrorAsync(HttpContext context, int status, string error) =>
        WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(status, error), AdmissionJsonContext.Relaxed.ErrorBody));

    /// <summary>Copies the JSON into the response pipe before returning, so the span may be reused after.</summary>
    public static Task WriteJsonAsync(HttpContext context, int status, ReadOnlySpan<byte> json)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        var body = context.Response.BodyWriter;
        body.Write(json);
        var flush = body.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
