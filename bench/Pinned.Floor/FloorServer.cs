using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Pinned.Floor;

internal static class FloorServer
{
    public const int DefaultPort = 9444;

    // --cert and --key (PEM files, as pinned serve takes them) when the API server must trust the
    // floor (bench/apiserver); else a self-signed certificate made at start.
    private static X509Certificate2 Certificate(IConfiguration configuration) =>
        configuration["cert"] is { } cert && configuration["key"] is { } key
            ? X509Certificate2.CreateFromPemFile(cert, key)
            : SelfSignedCertificate.Create();

    // Same listener as `pinned serve` (src/Pinned/Serve/WebhookHost.cs): one TLS endpoint speaking
    // HTTP/1.1 and HTTP/2 (ALPN), the certificate handed over per handshake as a prebuilt context,
    // a 7 MiB body limit, a 10 s header timeout, no Server header.
    public static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        var address = IPAddress.Parse(builder.Configuration["address"] ?? "127.0.0.1");
        var port = builder.Configuration.GetValue("port", DefaultPort);
        var context = SslStreamCertificateContext.Create(Certificate(builder.Configuration), additionalCertificates: null);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 7 * 1024 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = context }),
                });
            });
        });
    }
}
