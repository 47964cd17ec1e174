using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Policy;
using Pinned.Serve;

namespace Pinned.Mutation;

/// <summary>
/// POST /mutate: pins the images that a CREATE or UPDATE introduces, as a JSONPatch. It never
/// denies and never fails the request over a registry: an image it cannot resolve stays as
/// written, with a warning saying why, and the validating webhook decides. Envelope errors are
/// HTTP 4xx, as on /validate.
/// </summary>
internal sealed partial class MutationEndpoint(ImagePinPatcher patcher, PolicyOptions policy, ServeSettings settings,
                                               ILogger<MutationEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await HttpAnswers.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be application/json, got '{context.Request.ContentType ?? "(none)"}'").ConfigureAwait(false);
            return;
        }
        var reader = context.Request.BodyReader;
        var read = await RequestBodyReader.ReadAsync(context, RequestLimits.MaxBodyBytes, settings.BodyReadTimeout).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await HttpAnswers.WriteErrorAsync(context, read.FailureStatus, read.Failure!).ConfigureAwait(false);
            return;
        }
        try
        {
            if (!AdmissionReviewReader.TryRead(read.Body, out var request, out var parseError))
            {
                BadRequest(logger, parseError);
                await HttpAnswers.WriteErrorAsync(context, StatusCodes.Status400BadRequest, parseError).ConfigureAwait(false);
                return;
            }
            var response = await DecideAsync(request, context.Request.Query["timeout"], context.RequestAborted).ConfigureAwait(false);
            await HttpAnswers.WriteJsonAsync(context, StatusCodes.Status200OK,
                JsonSerializer.SerializeToUtf8Bytes(new MutationReview(response), MutationJsonContext.Relaxed.MutationReview)).ConfigureAwait(false);
        }
        finally
        {
            RequestBodyReader.Release(reader, read.Body);
        }
    }

    /// <summary>Answer this long before the API server's own deadline (its ?timeout=), so that
    /// a slow registry yields a warning rather than a silently dropped call.</summary>
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromMilliseconds(500);

    private async Task<MutationResponse> DecideAsync(AdmissionRequestFields request, string? timeoutQuery, CancellationToken cancellationToken)
    {
        if (request.Operation is not ("CREATE" or "UPDATE") || policy.IsNamespaceExempt(request.Namespace))
        {
            return new MutationResponse { Uid = request.Uid };
        }
        ImagePatch patch;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (RequestLimits.TryParseTimeoutQuery(timeoutQuery, out var callerTimeout))
        {
            deadline.CancelAfter(callerTimeout > AnswerMargin * 2 ? callerTimeout - AnswerMargin : callerTimeout / 2);
        }
        try
        {
            var old = request.Operation == "UPDATE" ? request.OldObject : null;
            patch = await patcher.CreateAsync(request.Object, old, request.Kind, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new MutationResponse
            {
                Uid = request.Uid,
                Warnings = [$"pinned: images were not pinned: registry lookups did not finish within the webhook's timeout ({timeoutQuery}); left as written for validation to judge"],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Leave the object as written: validation still judges it, so nothing unpinned slips through.
            PatchFailed(logger, e, request.Uid);
            return new MutationResponse { Uid = request.Uid, Warnings = ["pinned: images were not pinned (internal error); see the webhook's logs"] };
        }
        if (patch.Operations.Count > 0 || patch.Warnings.Count > 0)
        {
            Patched(logger, request.Uid, request.Kind, request.Namespace, request.Name, patch.Operations.Count, patch.Warnings.Count);
        }
        return new MutationResponse
        {
            Uid = request.Uid,
            PatchType = patch.Operations.Count > 0 ? "JSONPatch" : null,
            Patch = patch.Operations.Count > 0
                ? JsonSerializer.SerializeToUtf8Bytes(patch.Operations, MutationJsonContext.Relaxed.IReadOnlyListImagePatchOperation)
                : null,
            Warnings = patch.Warnings.Count > 0 ? patch.Warnings : null,
        };
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, EventName = "ImagesPinned",
        Message = "mutation {Uid}: {Kind} {Namespace}/{Name}: {Pinned} image(s) pinned, {Unresolved} left as written")]
    private static partial void Patched(ILogger logger, string uid, string? kind, string? @namespace, string? name, int pinned, int unresolved);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, EventName = "MutationBadRequest", Message = "mutation: bad request: {Error}")]
    private static partial void BadRequest(ILogger logger, string error);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Error, EventName = "MutationFailed", Message = "mutation {Uid}: could not compute the patch")]
    private static partial void PatchFailed(ILogger logger, Exception exception, string uid);
}
