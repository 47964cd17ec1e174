using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>
/// A small HTTP proxy of the tests' own (Kestrel on loopback, plain HTTP) in front of the real
/// API server: it forwards each request (method, body, Authorization and Accept), unless a queued
/// <see cref="Fault"/> matches, which it then plays instead. It records what it saw.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly List<Fault> _faults = [];

    public ConcurrentQueue<(string PathAndQuery, string Outcome, DateTimeOffset At, string Method)> Seen { get; } = new();

    private FaultProxy(WebApplication app, HttpClient upstream, Uri target)
    {
        _app = app;
        _upstream = upstream;
        _target = target;
    }

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<FaultProxy> StartAsync(KubeApiServer server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var ca = X509CertificateLoader.LoadCertificateFromFile(server.CaFile);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (certificate is null || chain is null)
            {
                return false;
            }

            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        var app = builder.Build();
        var proxy = new FaultProxy(app, new HttpClient(handler), server.Url);
        app.Run(proxy.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return proxy;
    }

    public void Add(Fault fault)
    {
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }

    public int Played(FaultKind kind) => Seen.Count(s => s.Outcome == kind.ToString());

    private Fault? Take(string pathAndQuery)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Left > 0 && f.Matches(pathAndQuery));
            if (fault is not null)
            {
                fault.Left--;
            }

            return fault;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path + context.Request.QueryString;
        var fault = Take(pathAndQuery);
        Seen.Enqueue((pathAndQuery, fault?.Kind.ToString() ?? "forwarded", DateTimeOffset.UtcNow, context.Request.Method));
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await StatusAsync(context, 429, "TooManyRequests", "too many requests, please try again later");
                return;
            case FaultKind.ServerError:
                await StatusAsync(context, 500, "InternalError", "injected by the test's proxy");
                return;
            case FaultKind.ExpireContinue:
                await StatusAsync(context, 410, "Expired", "The provided continue parameter is too old to display a consistent list result.");
                return;
            case FaultKind.Conflict:
                await StatusAsync(context, 409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
                return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, pathAndQuery));
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        if (context.Request.Headers.Accept.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
        }

        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var sent = new MemoryStream();
            await context.Request.Body.CopyToAsync(sent, context.RequestAborted);
            request.Content = new ByteArrayContent(sent.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (fault?.Kind == FaultKind.DropMidBody)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
