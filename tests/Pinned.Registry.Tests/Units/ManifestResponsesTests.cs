using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace Pinned.Registry.Tests.Units;

public sealed class ManifestResponsesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date_and_never_negative()
    {
        using var seconds = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        using var date = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(3)));
        using var past = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(-3)));

        Assert.Equal(TimeSpan.FromSeconds(7), ManifestResponses.RetryAfter(seconds, _time));
        Assert.Equal(TimeSpan.FromSeconds(3), ManifestResponses.RetryAfter(date, _time));
        Assert.Equal(TimeSpan.Zero, ManifestResponses.RetryAfter(past, _time));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, RegistryFailure.RateLimited, "rate limited by registry r (429, Retry-After 2s)")]
    [InlineData(HttpStatusCode.ServiceUnavailable, RegistryFailure.ServerError, "registry r answered 503 Service Unavailable")]
    public void Rate_limits_and_server_errors_are_transient(HttpStatusCode status, RegistryFailure failure, string reason)
    {
        using var response = Response(status, new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)));

        var error = Assert.Throws<RegistryCallException>(() => ManifestResponses.ThrowIfTransient(response, "registry r", _time));

        Assert.Equal(failure, error.Failure);
        Assert.True(error.IsTransient);
        Assert.Equal(reason, error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    public void Other_statuses_are_not_transient_failures(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Null(Record.Exception(() => ManifestResponses.ThrowIfTransient(response, "registry r", _time)));
    }

    private static HttpResponseMessage Response(HttpStatusCode status, RetryConditionHeaderValue retryAfter) =>
        new(status) { Headers = { RetryAfter = retryAfter } };
}
