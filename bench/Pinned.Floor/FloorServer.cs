using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Pinned.Floor;

internal static class FloorServer
{
    public const int DefaultPort = 9444;

    // Same listener as `pinned serve`: one TLS endpoint speaking HTTP/1.1 and HTTP/2 (ALPN), a
    // 7 MiB body limit (the API server's own request cap), no Server header.
    public static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        var address = IPAddress.Parse(builder.Configuration["address"] ?? "127.0.0.1");
        var port = builder.Configuration.GetValue("port", DefaultPort);
        var certificate = SelfSignedCertificate.Create();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 7 * 1024 * 1024;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
    }
}
