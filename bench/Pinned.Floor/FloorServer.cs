using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Pinned.Floor;

internal static class FloorServer
{
    public const int DefaultPort = 9444;

    // Same listener as `pinned serve` (src/Pinned/Serve/WebhookHost.cs): one TLS endpoint speaking
    // HTTP/1.1 and HTTP/2 (ALPN), the certificate handed over per handshake as a prebuilt context,
    // a 7 MiB body limit, a 10 s header timeout, no Server header.
    public static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        var address = IPAddress.Parse(builder.Configuration["address"] ?? "127.0.0.1");
        var port = builder.Configuration.GetValue("port", DefaultPort);
        var context = SslStreamCertificateContext.Create(SelfSignedCertificate.Create(), additionalCertificates: null);
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
