using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP proxy in front of a real registry that misbehaves on request: answers late,
/// answers 429 with Retry-After a number of times, drops Docker-Content-Digest, or alters the
/// manifest body. Everything else is forwarded as is.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private int _rateLimitsLeft;
    private int _requests;

    private FaultProxy(WebApplication app, HttpClient upstream, Uri target)
    {
        _app = app;
        _upstream = upstream;
        _target = target;
    }

    /// <summary>host:port of the proxy, to be listed as insecure.</summary>
    public string Authority { get; private set; } = "";

    public TimeSpan Delay { get; set; }
    public string? RetryAfter { get; set; }
    public bool StripDigestOnHead { get; set; }
    public bool StripDigestOnGet { get; set; }
    public bool TamperBody { get; set; }

    /// <summary>Answer every request with a 307 to the same path on this base address.</summary>
    public Uri? RedirectTo { get; set; }
    public int Requests => _requests;

    public void RateLimit(int times, string retryAfter)
    {
        _rateLimitsLeft = times;
        RetryAfter = retryAfter;
    }

    public static async Task<FaultProxy> StartAsync(string plainRegistry)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultProxy(app, new HttpClient(), new Uri($"http://{plainRegistry}/"));
        app.Run(proxy.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Authority = new Uri(address).Authority;
        return proxy;
    }

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        if (Interlocked.Decrement(ref _rateLimitsLeft) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfter;
            return;
        }
        if (RedirectTo is not null)
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(RedirectTo, context.Request.Path + context.Request.QueryString).ToString();
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path + context.Request.QueryString));
        foreach (var header in context.Request.Headers.Where(h => h.Key is "Accept" or "Authorization"))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }
        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            var strip = HttpMethods.IsHead(context.Request.Method) ? StripDigestOnHead : StripDigestOnGet;
            if (!(strip && header.Key == "Docker-Content-Digest") && header.Key is not ("Transfer-Encoding" or "Content-Length"))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (TamperBody && body.Length > 0)
        {
            body = [.. body, (byte)' '];
        }
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
