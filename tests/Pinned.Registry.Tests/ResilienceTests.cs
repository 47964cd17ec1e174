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
        using var calls = new MetricCollector<long>(metrics.Meter, "pinned.registry.calls");
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [down], MaxRetryAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) }, metrics: metrics);

        var first = await resolver.ResolveAsync(down, "app", "1.0", "app:1.0", Ct);
        var callsBefore = calls.GetMeasurementSnapshot().Count;
        var second = await resolver.ResolveAsync(down, "app", "2.0", "app:2.0", Ct);

        Assert.Equal(RegistryFailure.Unreachable, first.Failure);
        Assert.Equal($"cannot resolve app:1.0 at {down}: registry {down} unreachable: connection refused", first.Message);
        Assert.Equal(RegistryFailure.CircuitOpen, second.Failure);
        Assert.StartsWith($"cannot resolve app:2.0 at {down}: circuit open: {down} failed repeatedly", second.Message);
        // The open circuit answers without calling: the first resolve's attempts were counted, the second adds none.
        Assert.True(callsBefore >= 2, $"the first resolve made {callsBefore} calls");
        Assert.Equal(callsBefore, calls.GetMeasurementSnapshot().Count);
        state.RecordObservableInstruments();
        Assert.Equal(2, state.LastMeasurement?.Value);
    }

    [Fact]
    public async Task A_slow_registry_times_out_within_the_budget()
    {
        var repository = Registries.NewRepository();
        await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        // The proxy would answer after 10 minutes; a 2 s budget must end the call, however busy the
        // machine: the upper bound (budget + 20 s of scheduling slack) is still far from the delay.
        proxy.Delay = TimeSpan.FromMinutes(10);
        var budget = TimeSpan.FromSeconds(2);
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority], Timeout = budget });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "slow:1.0", Ct);

        Assert.Equal(RegistryFailure.TimedOut, result.Failure);
        Assert.Matches(@"^cannot resolve slow:1\.0 at 127\.0\.0\.1:\d+: timed out after \d+(\.\d+)?m?s \(registry\.timeout 2s\)$", result.Message);
        Assert.InRange(clock.Elapsed, budget * 0.7, budget + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_for_when_the_budget_allows()
    {
        var repository = Registries.NewRepository();
        var pushed = await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.RateLimit(times: 1, retryAfter: "1");
        using var resolver = new DigestResolver(new() { Insecure = [proxy.Authority], Timeout = TestBudget.Registry });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, repository, "1.0", "img", Ct);

        Assert.Equal(pushed, result.Digest);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.ElapsedMilliseconds} ms, before Retry-After");
    }

    [Fact]
    public async Task A_429_whose_retry_after_exceeds_the_budget_fails_at_once_as_rate_limited()
    {
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        // Retry-After (10 minutes) is far beyond the budget (30 s): the call must fail at once, not
        // wait; "at once" is anything under half the budget, which no wait could meet.
        proxy.RateLimit(times: 5, retryAfter: "600");
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [proxy.Authority] });

        var clock = Stopwatch.StartNew();
        var result = await resolver.ResolveAsync(proxy.Authority, "any", "1.0", "img", Ct);

        Assert.Equal(RegistryFailure.RateLimited, result.Failure);
        Assert.EndsWith("(429, Retry-After 600s); waiting would exceed registry.timeout 30s", result.Message);
        Assert.Equal(1, proxy.Requests);
        Assert.True(clock.Elapsed < TestBudget.Registry / 2, $"took {clock.ElapsedMilliseconds} ms, as if it waited");
    }

    [Fact]
    public async Task Without_a_digest_header_the_manifest_is_fetched_and_hashed()
    {
        var repository = Registries.NewRepository();
        var (index, _) = await Registries.Plain(env, _http).PushIndexAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.StripDigestOnHead = true;
        proxy.StripDigestOnGet = true;
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [proxy.Authority] });

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
        using var resolver = new DigestResolver(new() { Timeout = TestBudget.Registry, Insecure = [proxy.Authority] });

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
