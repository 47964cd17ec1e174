using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pinned.Admission;

namespace Pinned.Serve;

/// <summary>Writes JSON answers with a Content-Length (no chunking) through the source-generated serializers.</summary>
internal static class HttpAnswers
{
    public static Task WriteErrorAsync(HttpContext context, int status, string error) =>
        WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(status, error), AdmissionJsonContext.Relaxed.ErrorBody));

    public static async Task WriteJsonAsync(HttpContext context, int status, byte[] json)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
