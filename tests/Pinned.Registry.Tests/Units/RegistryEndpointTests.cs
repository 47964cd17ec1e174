using Pinned.Policy;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace Pinned.Registry.Tests.Units;

public sealed class RegistryEndpointTests
{
    private static readonly RegistryClientOptions Options = new() { Insecure = ["mirror.local:5000"] };

    [Theory]
    [InlineData("nginx", "https://registry-1.docker.io/v2/library/nginx/manifests/latest", "docker.io")]
    [InlineData("docker.io/library/nginx:1.27", "https://registry-1.docker.io/v2/library/nginx/manifests/1.27", "docker.io")]
    [InlineData("index.docker.io/bitnami/redis:7", "https://registry-1.docker.io/v2/bitnami/redis/manifests/7", "docker.io")]
    [InlineData("ghcr.io/org/app:v1", "https://ghcr.io/v2/org/app/manifests/v1", "ghcr.io")]
    [InlineData("mirror.local:5000/app:1", "http://mirror.local:5000/v2/app/manifests/1", "mirror.local:5000")]
    [InlineData("mirror.local:5001/app:1", "https://mirror.local:5001/v2/app/manifests/1", "mirror.local:5001")]
    [InlineData("localhost:5000/app", "https://localhost:5000/v2/app/manifests/latest", "localhost:5000")]
    public void Maps_references_to_their_api_endpoint(string image, string manifestUri, string credentialKey)
    {
        var reference = ImageReference.Parse(image);

        var endpoint = RegistryEndpoint.For(reference.Domain, Options);

        Assert.Equal(manifestUri, endpoint.ManifestUri(reference.Path, reference.Tag ?? "latest").ToString());
        Assert.Equal(credentialKey, endpoint.CredentialKey);
    }

    [Fact]
    public void The_policy_files_registry_section_maps_onto_client_options()
    {
        var policy = PolicyLoader.Parse("registry: {insecure: [a:5000], caFile: /ca.pem, timeout: 3s, cacheTtl: 1m}");

        var options = RegistryClientOptions.From(policy.Registry);

        Assert.Equal(["a:5000"], options.Insecure);
        Assert.Equal("/ca.pem", options.CaFile);
        Assert.Null(options.DockerConfig);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(1.2), options.EffectiveAttemptTimeout);
    }

    [Fact]
    public void Each_host_pipeline_is_budget_then_retry_then_breaker_then_attempt_timeout()
    {
        using var metrics = new RegistryMetrics();
        using var resilience = new RegistryResilience(new RegistryClientOptions(), metrics, TimeProvider.System, null);

        var descriptor = resilience.For("ghcr.io").GetPipelineDescriptor();

        Assert.Collection(descriptor.Strategies,
            s => Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout),
            s => Assert.Equal(2, Assert.IsType<RetryStrategyOptions>(s.Options).MaxRetryAttempts),
            s => Assert.IsType<CircuitBreakerStrategyOptions>(s.Options),
            s => Assert.Equal(TimeSpan.FromMilliseconds(800), Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
        Assert.Same(resilience.For("ghcr.io"), resilience.For("ghcr.io"));
        Assert.NotSame(resilience.For("ghcr.io"), resilience.For("quay.io"));
    }
}
