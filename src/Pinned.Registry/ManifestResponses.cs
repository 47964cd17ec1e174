using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Pinned.Registry;

/// <summary>Turns HTTP failures into <see cref="RegistryCallException"/>s that say why.</summary>
internal static class ManifestResponses
{
    public static void ThrowIfTransient(HttpResponseMessage response, string what, TimeProvider time)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter(response, time);
            throw new RegistryCallException(RegistryFailure.RateLimited,
                $"rate limited by {what} (429{(retryAfter is { } r ? $", Retry-After {Format(r)}" : "")})", retryAfter);
        }
        if ((int)response.StatusCode >= 500)
        {
            throw new RegistryCallException(RegistryFailure.ServerError,
                $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}", RetryAfter(response, time));
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>A connection that failed: refused or reset is transient; a TLS failure (an
    /// untrusted certificate) will not heal by retrying.</summary>
    public static RegistryCallException Unreachable(string what, Exception e)
    {
        if (e.InnerException is AuthenticationException tls)
        {
            return new RegistryCallException(RegistryFailure.Unreachable,
                $"TLS handshake with {what} failed: {tls.Message} (is registry.caFile set?)", inner: e, transient: false);
        }
        var reason = e.InnerException is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            SocketError.TimedOut => "connection timed out",
            SocketError.ConnectionReset => "connection reset",
            _ => socket.Message,
        } : e.Message;
        return new RegistryCallException(RegistryFailure.Unreachable, $"{what} unreachable: {reason}", inner: e);
    }

    public static string Format(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.Milliseconds == 0 ? $"{span.TotalSeconds:0}s" : $"{span.TotalMilliseconds:0}ms";
}
