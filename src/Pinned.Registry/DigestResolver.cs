using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pinned.Policy;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pinned.Registry;

/// <summary>
/// Resolves image tags to the digest the registry serves for them (for a multi-arch image, the
/// index's digest), through the tag → digest cache and the host's Polly pipeline. Thread-safe;
/// one instance per process. Concurrent requests for the same tag share one registry call.
/// </summary>
public sealed class DigestResolver : IDigestResolver, IDisposable
{
    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly RegistryMetrics _metrics;
    private readonly HttpClient _http;
    private readonly ManifestDigestProbe _probe;
    private readonly RegistryResilience _resilience;
    private readonly DigestCache _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<DigestResolution>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Ends shared resolutions still running when the resolver goes away (shutdown).</summary>
    private readonly CancellationTokenSource _disposed = new();

    /// <param name="handler">Replaces the HTTP stack (tests); by default TLS honours <c>CaFile</c>.</param>
    public DigestResolver(RegistryClientOptions options, TimeProvider? time = null, RegistryMetrics? metrics = null,
                          ILoggerFactory? loggerFactory = null, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _metrics = metrics ?? new RegistryMetrics();
        var credentials = DockerConfigCredentials.Load(options.DockerConfig);
        _http = new HttpClient(handler ?? RegistryHttpHandler.Create(options)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("pinned/1.0");
        var sender = new AuthenticatingSender(_http, new BearerTokenProvider(_http, options, _time), credentials, options, _metrics);
        _probe = new ManifestDigestProbe(sender, _metrics, _time);
        _resilience = new RegistryResilience(options, _metrics, _time, loggerFactory);
        _cache = new DigestCache(options.CacheCapacity, options.CacheTtl, _time);
    }

    /// <summary>The digest of an image's tag ("latest" when none is written), named in messages
    /// as written.</summary>
    public Task<DigestResolution> ResolveAsync(ImageReference image, CancellationToken cancellationToken = default) =>
        ResolveAsync(image.Domain, image.Path, image.Tag ?? "latest", image.Original, cancellationToken);

    /// <summary>
    /// The digest of <paramref name="tag"/> in <paramref name="repository"/> on the registry of
    /// <paramref name="domain"/> (a normalised reference domain: "docker.io", "ghcr.io",
    /// "127.0.0.1:5000"). <paramref name="image"/> is how the caller names the image in messages.
    /// </summary>
    public async Task<DigestResolution> ResolveAsync(string domain, string repository, string tag, string image,
                                                     CancellationToken cancellationToken = default)
    {
        var endpoint = RegistryEndpoint.For(domain, _options);
        var key = $"{endpoint.Host}/{repository}:{tag}";
        if (_cache.TryGet(key, out var cached))
        {
            _metrics.RecordCacheLookup(hit: true);
            return DigestResolution.Resolved(image, endpoint.Host, cached);
        }
        _metrics.RecordCacheLookup(hit: false);
        // The shared call runs on its own budget, not on the first caller's token, so that one
        // caller giving up does not fail the others waiting on the same tag.
        var shared = _inFlight.GetOrAdd(key, _ => new Lazy<Task<DigestResolution>>(
            () => ResolveUncached(endpoint, repository, tag, image, key)));
        var result = await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.Image == image ? result : Rename(result, image);
    }

    internal int CachedCount => _cache.Count;

    private async Task<DigestResolution> ResolveUncached(RegistryEndpoint endpoint, string repository, string tag, string image, string key)
    {
        var started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(_disposed.Token);
        context.Properties.Set(RegistryResilience.Deadline, _time.GetUtcNow() + _options.Timeout);
        DigestResolution result;
        try
        {
            var digest = await _resilience.For(endpoint.Host).ExecuteAsync(
                static async (ctx, state) => await state.Probe.FetchDigestAsync(state.Endpoint, state.Repository, state.Tag, ctx.CancellationToken).ConfigureAwait(false),
                context, (Probe: _probe, Endpoint: endpoint, Repository: repository, Tag: tag)).ConfigureAwait(false);
            _cache.Set(key, digest);
            result = DigestResolution.Resolved(image, endpoint.Host, digest);
        }
        catch (RegistryCallException e)
        {
            var reason = e.Failure == RegistryFailure.RateLimited && e.RetryAfter is not null
                ? $"{e.Message}; waiting would exceed registry.timeout {ManifestResponses.Format(_options.Timeout)}"
                : e.Message;
            result = DigestResolution.Failed(image, endpoint.Host, e.Failure, reason);
        }
        catch (TimeoutRejectedException)
        {
            var elapsed = _time.GetElapsedTime(started);
            result = DigestResolution.Failed(image, endpoint.Host, RegistryFailure.TimedOut,
                $"timed out after {ManifestResponses.Format(TimeSpan.FromMilliseconds(Math.Round(elapsed.TotalMilliseconds)))} (registry.timeout {ManifestResponses.Format(_options.Timeout)})");
        }
        catch (BrokenCircuitException e)
        {
            var retry = e.RetryAfter is { } wait ? $"; next try in {ManifestResponses.Format(TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds)))}" : "";
            result = DigestResolution.Failed(image, endpoint.Host, RegistryFailure.CircuitOpen,
                $"circuit open: {endpoint.Host} failed repeatedly, calls to it are paused{retry}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            // After the cache is filled, so a new caller finds either this call or its answer.
            _inFlight.TryRemove(key, out _);
        }
        _metrics.RecordResolution(endpoint.Host, result.Failure is { } failure ? Outcome(failure) : "ok", _time.GetElapsedTime(started));
        return result;
    }

    private static DigestResolution Rename(DigestResolution result, string image) => result.Digest is { } digest
        ? DigestResolution.Resolved(image, result.Registry, digest)
        : DigestResolution.Failed(image, result.Registry, result.Failure!.Value, result.Reason ?? "");

    internal static string Outcome(RegistryFailure failure) => failure switch
    {
        RegistryFailure.NotFound => "not_found",
        RegistryFailure.Unauthorized => "unauthorized",
        RegistryFailure.TimedOut => "timeout",
        RegistryFailure.CircuitOpen => "circuit_open",
        RegistryFailure.RateLimited => "rate_limited",
        RegistryFailure.Unreachable => "unreachable",
        RegistryFailure.ServerError => "server_error",
        _ => "invalid_response",
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _resilience.Dispose();
        _http.Dispose();
    }
}
