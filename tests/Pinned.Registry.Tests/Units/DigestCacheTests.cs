using Microsoft.Extensions.Time.Testing;

namespace Pinned.Registry.Tests.Units;

public sealed class DigestCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_answer_is_reused_until_its_ttl_and_not_after()
    {
        var cache = new DigestCache(10, TimeSpan.FromMinutes(10), _time);
        cache.Set("a", "sha256:a");

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(cache.TryGet("a", out var digest));
        Assert.Equal("sha256:a", digest);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Beyond_capacity_the_least_recently_used_answer_goes_first()
    {
        var cache = new DigestCache(2, TimeSpan.FromMinutes(10), _time);
        cache.Set("a", "sha256:a");
        cache.Set("b", "sha256:b");
        Assert.True(cache.TryGet("a", out _));

        cache.Set("c", "sha256:c");

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_zero_ttl_disables_caching()
    {
        var cache = new DigestCache(10, TimeSpan.Zero, _time);
        cache.Set("a", "sha256:a");
        Assert.False(cache.TryGet("a", out _));
    }
}
