using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinned.Policy;
using Pinned.Serve;
using Pinned.Tls;

namespace Pinned.Registry.Tests.Mutation;

/// <summary>The real `pinned serve` host (Kestrel, TLS with its dev certificate) on a free
/// loopback port, with a client that trusts exactly the certificate it serves.</summary>
internal sealed class MutatingWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private MutatingWebhook(WebApplication app)
    {
        _app = app;
        var store = app.Services.GetRequiredService<CertificateStore>();
        _client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 served && served.Thumbprint == store.Certificate?.Thumbprint,
            },
        })
        { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public static async Task<MutatingWebhook> StartAsync(string policyYaml)
    {
        var settings = new ServeSettings { Dev = true, Address = IPAddress.Loopback, Port = 0, ShutdownDelay = TimeSpan.Zero };
        var app = WebhookHost.Build(settings, PolicyLoader.Parse(policyYaml, "policy.yaml"), builder => builder.Logging.ClearProviders());
        Assert.True(WebhookHost.TryLoadCertificate(app, out var error), error);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new MutatingWebhook(app);
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body)
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public Task<string> GetAsync(string path) => _client.GetStringAsync(path, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
