using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Telemetry;

namespace Pinned.Serve;

/// <summary>The last line: any exception that escapes an endpoint is logged, counted, and answered 500, never a crash.</summary>
internal sealed class UnhandledExceptionMiddleware(RequestDelegate next, WebhookTelemetry telemetry, ILogger<UnhandledExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            Log.UnhandledException(logger, e, context.Request.Path, null);
            telemetry.RecordReview(AdmissionOutcome.Errored, null, null, false, TimeSpan.Zero);
            await HttpAnswers.WriteErrorAsync(context, StatusCodes.Status500InternalServerError,
                "internal error; see the webhook's logs").ConfigureAwait(false);
        }
    }
}
