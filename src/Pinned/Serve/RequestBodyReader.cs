using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Pinned.Serve;

/// <summary>
/// Reads a whole body into Kestrel's pooled pipe buffers (no copy, no io.ReadAll without a
/// bound), refusing it past <see cref="RequestLimits.MaxBodyBytes"/> or past its deadline.
/// The caller parses the returned sequence, then calls <see cref="Release"/>.
/// </summary>
internal static class RequestBodyReader
{
    public static async ValueTask<BodyReadResult> ReadAsync(PipeReader reader, long maxBytes, CancellationToken deadline)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(deadline).ConfigureAwait(false);
                if (result.Buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    return BodyReadResult.Fail(StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
                }

                if (result.IsCompleted)
                {
                    return new BodyReadResult(result.Buffer, 0, null);
                }

                // Keep everything, ask for more. A canceled read is not the end of the body: Kestrel
                // cancels pending reads when graceful shutdown starts, and a review still arriving
                // then must be read to its end and answered, not judged on half its bytes.
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return BodyReadResult.Fail(StatusCodes.Status408RequestTimeout,
                "the request body did not arrive in time; the review was abandoned");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits: body over MaxRequestBodySize (413), data arriving slower than
            // MinRequestBodyDataRate (408), malformed chunking (400).
            return BodyReadResult.Fail(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(maxBytes) : e.Message);
        }
    }

    public static void Release(PipeReader reader, in ReadOnlySequence<byte> body) => reader.AdvanceTo(body.End);

    public static string TooLarge(long maxBytes) =>
        $"the request body is larger than {maxBytes / (1024 * 1024)} MiB, which no AdmissionReview can be";
}
