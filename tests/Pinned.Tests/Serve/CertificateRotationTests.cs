using System.Net;
using System.Security.Cryptography.X509Certificates;
using Pinned.Serve;
using Pinned.Tls;

namespace Pinned.Tests.Serve;

/// <summary>cert-manager rotates the Secret; the kubelet swaps the files; new TLS handshakes get the new certificate.</summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task A_rotated_secret_reaches_new_handshakes_without_a_restart_and_bad_files_keep_the_old_certificate()
    {
        using var volume = new KubeletSecretVolume();
        var first = TestCertificates.Create("pinned-first");
        var second = TestCertificates.Create("pinned-second");
        var known = new HashSet<string>(StringComparer.Ordinal) { first.Thumbprint, second.Thumbprint };
        volume.Publish(first.CertPem, first.KeyPem);
        await using var server = await WebhookServer.StartAsync(settings: new ServeSettings
        {
            // A long poll: this test shows the directory watcher alone picks up the kubelet's ..data swap.
            Certificate = new CertificateFiles(volume.CertPath, volume.KeyPath, TimeSpan.FromMinutes(10)),
        });
        Assert.Equal(first.Thumbprint, await HandshakeThumbprintAsync(server.Address, known));

        volume.Publish(second.CertPem, second.KeyPem);
        Assert.Equal(second.Thumbprint, await WaitForThumbprintAsync(server.Address, known, second.Thumbprint));

        // Unusable files (a key of another certificate, then a truncated PEM): the old certificate stays in service.
        volume.Publish(second.CertPem, TestCertificates.Create("other").KeyPem);
        await WaitForReloadFailuresAsync(server, 1);
        volume.Publish("-----BEGIN CERTIFICATE-----\nMIIB", "garbage");
        await WaitForReloadFailuresAsync(server, 2);
        Assert.Equal(second.Thumbprint, await HandshakeThumbprintAsync(server.Address, known));
        using var client = WebhookServer.CreateClient(server.Address, HttpVersion.Version11, c => known.Contains(c.Thumbprint));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);
        var (status, _) = await server.PostForTextAsync("/validate", Reviews.Denied);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task WaitForReloadFailuresAsync(WebhookServer server, int count)
    {
        for (int attempt = 0; attempt < 100 && server.Logs.GetSnapshot().Count(r => r.Id.Name == "CertificateReloadFailed") < count; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, server.Logs.GetSnapshot().Count(r => r.Id.Name == "CertificateReloadFailed"));
    }

    private static async Task<string> WaitForThumbprintAsync(Uri address, HashSet<string> known, string expected)
    {
        var seen = string.Empty;
        for (int attempt = 0; attempt < 100 && seen != expected; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            seen = await HandshakeThumbprintAsync(address, known);
        }

        return seen;
    }

    /// <summary>A fresh TCP connection and TLS handshake; the thumbprint of the certificate the server presented.</summary>
    private static async Task<string> HandshakeThumbprintAsync(Uri address, HashSet<string> known)
    {
        await using var client = await RawTlsClient.ConnectAsync(address, c => known.Contains(c.Thumbprint));
        return client.ServerCertificate!.Thumbprint;
    }
}
