using System.Net.Sockets;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Pinned.Audit;

/// <summary>
/// The Polly pipeline around each call to the API server, outermost first: the call's total
/// budget, retries with jittered exponential backoff on 429, 5xx, dropped connections and attempt
/// timeouts (waiting what Retry-After asks when it says, unless that would overrun the budget),
/// and the per-attempt timeout. 403, 404 and 410 are not retried: waiting cannot fix them.
/// </summary>
internal static class KubeApiResilience
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("pinned.audit.deadline");
    private static readonly ResiliencePropertyKey<Exception> LastFailure = new("pinned.audit.last-failure");

    public static ResiliencePipeline Create(ClusterReadOptions options) =>
        new ResiliencePipelineBuilder { TimeProvider = options.Time }
            .AddTimeout(new TimeoutStrategyOptions { Name = "budget", Timeout = options.CallBudget })
            .AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e) && FitsBudget(e, args.Context, options.Time)),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } failure)
                    {
                        args.Context.Properties.Set(LastFailure, failure);
                    }

                    return ValueTask.CompletedTask;
                },
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is KubeApiException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout < options.CallBudget ? options.AttemptTimeout : options.CallBudget })
            .Build();

    /// <summary>Runs one call within the pipeline, with the deadline the Retry-After check needs.</summary>
    public static async Task<T> ExecuteAsync<T>(this ResiliencePipeline pipeline, ClusterReadOptions options,
        Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Deadline, options.Time.GetUtcNow() + options.CallBudget);
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, call) => await call(ctx.CancellationToken).ConfigureAwait(false),
                context, call).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested
            && context.Properties.TryGetValue(LastFailure, out var last) && last is not TimeoutRejectedException)
        {
            // The budget ran out while retrying: the failure that kept recurring says more than the timeout.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(last);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Worth another try: 429 and 5xx, a connection refused or dropped (also in the middle of a
    /// body, which surfaces as an IOException or a JsonException of a truncated document), and an
    /// attempt that timed out.
    /// </summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        KubeApiException api => api.IsTransient,
        TimeoutRejectedException or HttpRequestException or IOException or SocketException => true,
        JsonException => true,
        _ => false,
    };

    private static bool FitsBudget(Exception e, ResilienceContext context, TimeProvider time) =>
        e is not KubeApiException { RetryAfter: { } wait } ||
        !context.Properties.TryGetValue(Deadline, out var deadline) ||
        time.GetUtcNow() + wait < deadline;
}
