using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Pinned.Policy;
using Pinned.Serve;
using Pinned.Tls;

namespace Pinned.Tests.Serve;

/// <summary>The real webhook host (Kestrel, TLS, every endpoint) on 127.0.0.1 and a free port, with a client that trusts it.</summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private WebhookServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = CreateClient(address, HttpVersion.Version11, IsServing);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<WebhookServer> StartAsync(PolicyOptions? policy = null, ServeSettings? settings = null)
    {
        settings ??= new ServeSettings { Dev = true };
        settings = settings with { Address = IPAddress.Loopback, Port = 0, ShutdownDelay = TimeSpan.Zero };
        var app = WebhookHost.Build(settings, policy ?? PolicyOptions.Default, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddFakeLogging();
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        });
        Assert.True(WebhookHost.TryLoadCertificate(app, out var error), error);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebhookServer(app, new Uri(app.Urls.Single()));
    }

    public static async Task<WebhookServer> StartAsync(string policyYaml) =>
        await StartAsync(PolicyLoader.Parse(policyYaml, "policy.yaml"));

    /// <summary>True for the certificate the server serves now (the test's trust anchor: it is self-signed).</summary>
    public bool IsServing(X509Certificate2 certificate) =>
        App.Services.GetRequiredService<CertificateStore>().Certificate?.Thumbprint == certificate.Thumbprint;

    /// <summary>A client of its own (own connections), HTTP/1.1 or HTTP/2 exactly, trusting what <paramref name="trust"/> accepts.</summary>
    public static HttpClient CreateClient(Uri address, Version version, Func<X509Certificate2, bool> trust) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 x509 && trust(x509),
            },
        })
        {
            BaseAddress = address,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json") =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    public async Task<(HttpStatusCode Status, string Body)> PostForTextAsync(string path, string body, string contentType = "application/json")
    {
        using var response = await PostAsync(path, body, contentType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
