using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests;

/// <summary>Registries that are down, slow, rate limiting or lying, behind a loopback proxy.</summary>
public sealed class ResilienceTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registry_that_is_down_opens_its_circuit_and_later_calls_say_so_at_once()
    {
        var down = $"127.0.0.1:{FreePort()}";
        using var metrics = new RegistryMetrics();
        using var state = new MetricCollector<int>(metrics.Meter, "pinned.registry.circuit.state");
        using var resolver = new DigestResolver(new() { Insecure = [down], MaxRetryAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) }, metrics: metrics);

        var first = await resolver.ResolveAsync(down, "app", "1.0", "app:1.0", Ct);
        var clock = Stopwatch.StartNew();
        var second = await resolver.ResolveAsync(down, "app", "2.0", "app:2.0", Ct);

        Assert.Equal(RegistryFailure.Unreachable, first.Failure);
        Assert.Equal($"cannot resolve app:1.0 at {down}: registry {down} unreachable: connection refused", first.Message);
        Assert.Equal(RegistryFailure.CircuitOpen, second.Failure);
        Assert.StartsWith($"cannot resolve app:2.0 at {down}: circuit open: {down} failed repeatedly", second.Message);
        // Far below one attempt's connect: the open circuit answers without calling. Generous for a busy CI.
        Assert.True(clock.ElapsedMilliseconds < 1000, $"an open circuit answered in {clock.ElapsedMilliseconds} ms");
        state.RecordObservableInstruments();
        Assert.Equal(2, state.LastMeasurement?.Value);
    }

    [Fact]
    public async Task A_slow_registry_times_out_within_the_budget()
    {
        var repository = Registries.NewRepository();
        await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.Delay = TimeSpan.FromSeconds(10);
        var budget = TimeSpan.FromMilliseconds(800);
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority], Timeout = budget });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "slow:1.0", Ct);

        Assert.Equal(RegistryFailure.TimedOut, result.Failure);
        Assert.Matches(@"^cannot resolve slow:1\.0 at 127\.0\.0\.1:\d+: timed out after \d+ms \(registry\.timeout 800ms\)$", result.Message);
        // The proxy would answer after 10 s; the budget ends it at 0.8 s (slack for a busy CI).
        Assert.InRange(clock.Elapsed, budget * 0.7, budget + TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_for_when_the_budget_allows()
    {
        var repository = Registries.NewRepository();
        var pushed = await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RateLimit(times: 1, retryAfter: "1");
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority], Timeout = TimeSpan.FromSeconds(3) });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(pushed, result.Digest);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.ElapsedMilliseconds} ms, before Retry-After");
    }

    [Fact]
    public async Task A_429_whose_retry_after_exceeds_the_budget_fails_at_once_as_rate_limited()
    {
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RateLimit(times: 5, retryAfter: "30");
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority] });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, "any", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.RateLimited, result.Failure);
        Assert.EndsWith("(429, Retry-After 30s); waiting would exceed registry.timeout 2s", result.Message);
        Assert.Equal(1, proxy.Requests);
        Assert.True(clock.ElapsedMilliseconds < 1500, $"took {clock.ElapsedMilliseconds} ms, as if it waited");
    }

    [Fact]
    public async Task Without_a_digest_header_the_manifest_is_fetched_and_hashed()
    {
        var repository = Registries.NewRepository();
        var (index, _) = await Registries.Plain(env, _http).PushIndexAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.StripDigestOnHead = true;
        proxy.StripDigestOnGet = true;
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority] });

        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(index, result.Digest);
        Assert.Equal(2, proxy.Requests);
    }

    [Fact]
    public async Task A_body_that_does_not_match_its_digest_header_is_refused()
    {
        var repository = Registries.NewRepository();
        await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.StripDigestOnHead = true;
        proxy.TamperBody = true;
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority] });

        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.InvalidResponse, result.Failure);
        Assert.Contains("does not match its Docker-Content-Digest", result.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _http.Dispose();
}
