using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Pinned.Serve;

/// <summary>
/// Reads a whole body into Kestrel's pooled pipe buffers (no copy, no unbounded read), refusing
/// it past <see cref="RequestLimits.MaxBodyBytes"/> or past its deadline. The caller parses the
/// returned sequence, then calls <see cref="Release"/>.
/// </summary>
internal static class RequestBodyReader
{
    /// <param name="defaultTimeout">The budget for the body; the API server's ?timeout= shortens it.</param>
    public static ValueTask<BodyReadResult> ReadAsync(HttpContext context, long maxBytes, TimeSpan defaultTimeout)
    {
        var reader = context.Request.BodyReader;
        try
        {
            // Fast path: a review usually arrives with its headers, so it is all buffered already
            // and needs no deadline timer.
            if (reader.TryRead(out var buffered))
            {
                if (Check(reader, buffered, maxBytes) is { } done)
                {
                    return ValueTask.FromResult(done);
                }

                reader.AdvanceTo(buffered.Buffer.Start, buffered.Buffer.End);
            }
        }
        catch (BadHttpRequestException e)
        {
            return ValueTask.FromResult(Refused(e, maxBytes));
        }

        return ReadSlowlyAsync(context, reader, maxBytes, Deadline(context, defaultTimeout));
    }

    public static void Release(PipeReader reader, in ReadOnlySequence<byte> body) => reader.AdvanceTo(body.End);

    public static string TooLarge(long maxBytes) =>
        $"the request body is larger than {maxBytes / (1024 * 1024)} MiB, which no AdmissionReview can be";

    private static async ValueTask<BodyReadResult> ReadSlowlyAsync(HttpContext context, PipeReader reader, long maxBytes, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (Check(reader, result, maxBytes) is { } done)
                {
                    return done;
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
            return Refused(e, maxBytes);
        }
    }

    /// <summary>The final result when the body is complete or too large; null when more must be read.</summary>
    private static BodyReadResult? Check(PipeReader reader, in ReadResult result, long maxBytes)
    {
        if (result.Buffer.Length > maxBytes)
        {
            reader.AdvanceTo(result.Buffer.End);
            return BodyReadResult.Fail(StatusCodes.Status413PayloadTooLarge, TooLarge(maxBytes));
        }

        return result.IsCompleted ? new BodyReadResult(result.Buffer, 0, null) : null;
    }

    /// <summary>
    /// Kestrel's own limits: body over MaxRequestBodySize (413), data arriving slower than
    /// MinRequestBodyDataRate (408), malformed chunking (400).
    /// </summary>
    private static BodyReadResult Refused(BadHttpRequestException e, long maxBytes) =>
        BodyReadResult.Fail(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(maxBytes) : e.Message);

    private static TimeSpan Deadline(HttpContext context, TimeSpan defaultTimeout) =>
        RequestLimits.TryParseTimeoutQuery(context.Request.Query["timeout"], out var callerTimeout) && callerTimeout < defaultTimeout
            ? callerTimeout
            : defaultTimeout;
}
