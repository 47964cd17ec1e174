using Pinned.Serve;

namespace Pinned.Tests.Serve;

public sealed class RequestLimitsTests
{
    [Theory]
    [InlineData("5s", 5)]
    [InlineData("30s", 30)]
    [InlineData("1s", 1)]
    public void The_API_servers_timeout_query_is_read_in_seconds(string text, int seconds)
    {
        Assert.True(RequestLimits.TryParseTimeoutQuery(text, out var timeout));
        Assert.Equal(TimeSpan.FromSeconds(seconds), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5m")]
    [InlineData("99999999999s")]
    [InlineData(" 5s")]
    public void Anything_else_is_ignored(string? text) => Assert.False(RequestLimits.TryParseTimeoutQuery(text, out _));
}
