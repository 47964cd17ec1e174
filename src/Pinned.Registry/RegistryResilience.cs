using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Pinned.Registry;

/// <summary>
/// One Polly pipeline per registry host, outermost first: the total budget
/// (<c>registry.timeout</c>), retries with jittered exponential backoff on transient failures and
/// 429 (waiting what Retry-After asks, unless that would overrun the budget), the host's circuit
/// breaker (so a dead registry costs nothing after a few failures), and the per-attempt timeout.
/// </summary>
internal sealed class RegistryResilience : IDisposable
{
    /// <summary>When the current resolution's budget runs out.</summary>
    internal static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("pinned.registry.deadline");

    private readonly ResiliencePipelineRegistry<string> _pipelines = new();
    private readonly RegistryClientOptions _options;
    private readonly RegistryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggerFactory;

    public RegistryResilience(RegistryClientOptions options, RegistryMetrics metrics, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        _options = options;
        _metrics = metrics;
        _time = time;
        _loggerFactory = loggerFactory;
    }

    public ResiliencePipeline For(string host) =>
        _pipelines.GetOrAddPipeline(host, builder => Configure(builder, host));

    private void Configure(ResiliencePipelineBuilder builder, string host)
    {
        builder.TimeProvider = _time;
        builder.InstanceName = host;
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "budget", Timeout = _options.Timeout })
            .AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e) && FitsBudget(e, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is RegistryCallException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "breaker",
                FailureRatio = 0.5,
                MinimumThroughput = Math.Max(2, _options.BreakerMinimumThroughput),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = _options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                OnOpened = _ => Record(host, RegistryMetrics.CircuitState.Open),
                OnHalfOpened = _ => Record(host, RegistryMetrics.CircuitState.HalfOpen),
                OnClosed = _ => Record(host, RegistryMetrics.CircuitState.Closed),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = _options.EffectiveAttemptTimeout });
        if (_loggerFactory is not null)
        {
            builder.ConfigureTelemetry(_loggerFactory);
        }
    }

    /// <summary>Failures worth another try, and that count against the host's circuit: network
    /// errors, 5xx, 429 and attempt timeouts; never 404 or 401, which retrying cannot fix.</summary>
    private static bool IsTransient(Exception e) =>
        e is RegistryCallException { IsTransient: true } or TimeoutRejectedException;

    /// <summary>A Retry-After the budget cannot cover is not waited for: failing now with the
    /// reason beats timing out later with none.</summary>
    private bool FitsBudget(Exception e, ResilienceContext context) =>
        e is not RegistryCallException { RetryAfter: { } wait } ||
        !context.Properties.TryGetValue(Deadline, out var deadline) ||
        _time.GetUtcNow() + wait < deadline;

    private ValueTask Record(string host, RegistryMetrics.CircuitState state)
    {
        _metrics.RecordCircuit(host, state);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _pipelines.Dispose();
}
