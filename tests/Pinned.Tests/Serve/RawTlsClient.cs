using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pinned.Tests.Serve;

/// <summary>HTTP/1.1 by hand over TLS: for requests HttpClient will not send (a body shorter than announced, a stalled body).</summary>
internal sealed class RawTlsClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private RawTlsClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    public X509Certificate2? ServerCertificate => _tls.RemoteCertificate as X509Certificate2;

    public static async Task<RawTlsClient> ConnectAsync(Uri address, Func<X509Certificate2, bool> trust)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is X509Certificate2 x509 && trust(x509));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        }, TestContext.Current.CancellationToken);
        return new RawTlsClient(tcp, tls);
    }

    /// <summary>Sends the request line and headers for a JSON POST announcing <paramref name="contentLength"/> bytes.</summary>
    public Task SendHeadersAsync(string path, long contentLength) =>
        SendAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n");

    public async Task SendAsync(string text)
    {
        await _tls.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);
        await _tls.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Reads one response: status code and body (Content-Length framed).</summary>
    public async Task<(int Status, string Body)> ReadResponseAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd = -1, contentLength = 0;
        while (headerEnd < 0 || buffer.Count < headerEnd + contentLength)
        {
            int read = await _tls.ReadAsync(chunk, cancel.Token);
            if (read == 0)
            {
                break;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
            if (headerEnd < 0)
            {
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    headerEnd = end + 4;
                    var lengthLine = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    contentLength = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        var all = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.True(headerEnd > 0, $"no complete response: '{all}'");
        int status = int.Parse(all.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, all[headerEnd..]);
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
