using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Pinned.Tls;

namespace Pinned.Tests.Serve;

/// <summary>The poll path of the reloader, on a fake clock: files changed in place (no directory event) are picked up.</summary>
public sealed class CertificateReloaderTests
{
    [Fact]
    public async Task Files_rewritten_in_place_are_loaded_on_the_next_poll_and_a_half_written_pair_is_ignored()
    {
        using var volume = new KubeletSecretVolume();
        var first = TestCertificates.Create("first");
        var second = TestCertificates.Create("second");
        volume.Publish(first.CertPem, first.KeyPem);
        var time = new FakeTimeProvider();
        var store = new CertificateStore();
        var logger = new FakeLogger<CertificateReloader>();
        using var reloader = new CertificateReloader(new CertificateFiles(volume.CertPath, volume.KeyPath, TimeSpan.FromSeconds(10)),
            store, time, logger);
        Assert.True(reloader.TryLoad());
        await reloader.StartAsync(TestContext.Current.CancellationToken);

        // In place, through the links, into the timestamped folder: no event in the watched directory.
        volume.OverwriteInPlace(second.CertPem, first.KeyPem);
        await WaitUntil(time, () => logger.Collector.GetSnapshot().Any(r => r.Id.Name == "CertificateReloadFailed"));
        Assert.Equal(first.Thumbprint, store.Certificate!.Thumbprint);

        volume.OverwriteInPlace(second.CertPem, second.KeyPem);
        await WaitUntil(time, () => store.Certificate!.Thumbprint == second.Thumbprint);

        await reloader.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Missing_files_at_start_leave_nothing_loaded()
    {
        var store = new CertificateStore();
        using var reloader = new CertificateReloader(new CertificateFiles("/nonexistent/tls.crt", "/nonexistent/tls.key", TimeSpan.FromSeconds(10)),
            store, TimeProvider.System, NullLogger<CertificateReloader>.Instance);

        Assert.False(reloader.TryLoad());
        Assert.False(store.IsLoaded);
    }

    /// <summary>
    /// Ticks the fake clock until the reloader's loop (started in the background, so perhaps not
    /// yet waiting on its timer) has acted.
    /// </summary>
    private static async Task WaitUntil(FakeTimeProvider time, Func<bool> condition)
    {
        for (int attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
