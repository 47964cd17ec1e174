using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Policy;
using Pinned.Telemetry;

namespace Pinned.Serve;

/// <summary>
/// POST /validate[/audit|/warn]: the transport around <see cref="AdmissionDecider"/>. Envelope
/// problems (content type, size, time, JSON, AdmissionReview shape) are HTTP 4xx with a JSON
/// error body; everything else is an AdmissionReview answer.
/// </summary>
internal sealed class AdmissionEndpoint(
    AdmissionDecider decider,
    WebhookTelemetry telemetry,
    ReviewLogger reviewLogger,
    ServeSettings settings,
    TimeProvider time,
    ILogger<AdmissionEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context, RuleAction cap)
    {
        var started = time.GetTimestamp();
        if (!IsJson(context.Request.ContentType))
        {
            await RejectAsync(context, started, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be application/json, got '{context.Request.ContentType ?? "(none)"}'").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            await RejectAsync(context, started, StatusCodes.Status413PayloadTooLarge,
                RequestBodyReader.TooLarge(RequestLimits.MaxBodyBytes)).ConfigureAwait(false);
            return;
        }

        var read = await RequestBodyReader.ReadAsync(context, RequestLimits.MaxBodyBytes, settings.BodyReadTimeout).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await RejectAsync(context, started, read.FailureStatus, read.Failure!).ConfigureAwait(false);
            return;
        }

        try
        {
            await AnswerAsync(context, read, cap, started).ConfigureAwait(false);
        }
        finally
        {
            RequestBodyReader.Release(context.Request.BodyReader, read.Body);
        }
    }

    private async Task AnswerAsync(HttpContext context, BodyReadResult read, RuleAction cap, long started)
    {
        if (!AdmissionReviewReader.TryRead(read.Body, out var request, out var error))
        {
            await RejectAsync(context, started, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        using var activity = WebhookTelemetry.ActivitySource.StartActivity("admission.review");
        AdmissionDecision decision;
        try
        {
            decision = decider.Decide(request, cap);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Sent as HTTP 500 so that the webhook's failurePolicy, not Pinned, decides the effect.
            Log.UnhandledException(logger, e, context.Request.Path, request.Uid);
            telemetry.RecordReview(AdmissionOutcome.Errored, request.Operation, request.Kind, request.DryRun, time.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            await WriteReviewAsync(context, StatusCodes.Status500InternalServerError,
                AdmissionResponses.Error(request.Uid, "pinned could not judge this request (internal error); see the webhook's logs")).ConfigureAwait(false);
            return;
        }

        Tag(activity, request, decision);
        reviewLogger.Log(request, decision);
        telemetry.RecordViolations(decision.Violations);
        telemetry.RecordReview(decision.Outcome, request.Operation, request.Kind, request.DryRun, time.GetElapsedTime(started));
        await WriteReviewAsync(context, StatusCodes.Status200OK, decision.Response).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && (contentType.Length == 16 || contentType[16] is ';' or ' '));

    private static void Tag(Activity? activity, in AdmissionRequestFields request, AdmissionDecision decision)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("pinned.uid", request.Uid);
        activity.SetTag("pinned.operation", request.Operation);
        activity.SetTag("pinned.kind", request.Kind);
        activity.SetTag("pinned.outcome", WebhookTelemetry.OutcomeLabel(decision.Outcome));
        activity.SetTag("pinned.violations", decision.Violations.Count);
    }

    private async Task RejectAsync(HttpContext context, long started, int status, string error)
    {
        Log.BadRequest(logger, context.Request.Path, status, error);
        telemetry.RecordReview(AdmissionOutcome.BadRequest, null, null, false, time.GetElapsedTime(started));
        await HttpAnswers.WriteErrorAsync(context, status, error).ConfigureAwait(false);
    }

    private static Task WriteReviewAsync(HttpContext context, int status, AdmissionResponse response) =>
        HttpAnswers.WriteJsonAsync(context, status, AdmissionReviewWriter.Write(response));
}
