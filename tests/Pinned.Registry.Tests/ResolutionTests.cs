using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests;

/// <summary>Tags resolved against the real plain-HTTP registry.</summary>
public sealed class ResolutionTests(RegistryEnvironment env) : IDisposable
{
    private readonly HttpClient _http = new();

    private RegistryClientOptions Options => new() { Timeout = TestBudget.Registry, Insecure = [env.Plain] };

    [Theory]
    [InlineData(ImagePusher.OciManifest)]
    [InlineData(ImagePusher.DockerManifest)]
    public async Task A_tag_resolves_to_the_digest_the_registry_stored(string mediaType)
    {
        var repository = Registries.NewRepository();
        var pushed = await Registries.Plain(env, _http).PushImageAsync(repository, "1.0", mediaType);
        using var resolver = new DigestResolver(Options);

        var result = await resolver.ResolveAsync(env.Plain, repository, "1.0", $"{env.Plain}/{repository}:1.0", TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(pushed, result.Digest);
        Assert.Equal(env.Plain, result.Registry);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_multi_arch_tag_resolves_to_its_index_never_to_a_platform_manifest(bool oci)
    {
        var repository = Registries.NewRepository();
        var (index, platforms) = await Registries.Plain(env, _http).PushIndexAsync(repository, "multi", oci);
        using var resolver = new DigestResolver(Options);

        var result = await resolver.ResolveAsync(env.Plain, repository, "multi", "multi", TestContext.Current.CancellationToken);

        Assert.Equal(index, result.Digest);
        Assert.DoesNotContain(result.Digest, platforms);
    }

    [Fact]
    public async Task A_moved_tag_is_served_from_cache_until_its_ttl_then_resolves_to_the_new_digest()
    {
        var repository = Registries.NewRepository();
        var pusher = Registries.Plain(env, _http);
        var first = await pusher.PushImageAsync(repository, "stable");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var metrics = new RegistryMetrics();
        using var lookups = new MetricCollector<long>(metrics.Meter, "pinned.registry.cache.lookups");
        using var resolver = new DigestResolver(new RegistryClientOptions { Timeout = TestBudget.Registry, Insecure = [env.Plain], CacheTtl = TimeSpan.FromMinutes(10) }, time, metrics);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(first, (await resolver.ResolveAsync(env.Plain, repository, "stable", "img", ct)).Digest);
        var moved = await pusher.PushImageAsync(repository, "stable");
        Assert.NotEqual(first, moved);
        Assert.Equal(first, (await resolver.ResolveAsync(env.Plain, repository, "stable", "img", ct)).Digest);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(moved, (await resolver.ResolveAsync(env.Plain, repository, "stable", "img", ct)).Digest);

        Assert.Equal(["miss", "hit", "miss"], lookups.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!));
    }

    [Fact]
    public async Task A_missing_tag_fails_with_not_found_naming_image_registry_and_tag()
    {
        var repository = Registries.NewRepository();
        await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        using var resolver = new DigestResolver(Options);

        var result = await resolver.ResolveAsync(env.Plain, repository, "9.9", $"{repository}:9.9", TestContext.Current.CancellationToken);

        Assert.Equal(RegistryFailure.NotFound, result.Failure);
        Assert.Equal($"cannot resolve {repository}:9.9 at {env.Plain}: not found: no manifest for tag \"9.9\" in repository {repository}", result.Message);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_tag_share_one_registry_call_and_are_counted_by_host()
    {
        var repository = Registries.NewRepository();
        var pushed = await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        await using var proxy = await FaultProxy.StartAsync(env.Plain);
        proxy.Delay = TimeSpan.FromMilliseconds(200);
        using var metrics = new RegistryMetrics();
        using var calls = new MetricCollector<long>(metrics.Meter, "pinned.registry.calls");
        using var resolver = new DigestResolver(new RegistryClientOptions { Timeout = TestBudget.Registry, Insecure = [proxy.Authority] }, metrics: metrics);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            resolver.ResolveAsync(proxy.Authority, repository, "1.0", $"copy{i}", TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(pushed, r.Digest));
        Assert.Equal(["copy0", "copy7"], new[] { results[0].Image, results[7].Image });
        Assert.Equal(1, proxy.Requests);
        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(proxy.Authority, call.Tags["registry.host"]);
        Assert.Equal("ok", call.Tags["outcome"]);
    }

    public void Dispose() => _http.Dispose();
}
