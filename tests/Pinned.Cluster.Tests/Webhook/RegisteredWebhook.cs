using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Webhook;

/// <summary>A running `pinned serve` and the ValidatingWebhookConfiguration that sends one namespace's objects to it; removed on dispose.</summary>
internal sealed class RegisteredWebhook(KubeApiServer server, string configuration, string ns, ServeProcess serve, LoopbackCertificate certificate)
    : IAsyncDisposable
{
    public string Namespace => ns;

    public ServeProcess Serve => serve;

    /// <summary>Until the API server calls the webhook: a dry-run pod with a mutable tag is refused by Pinned.</summary>
    public async Task WaitEffectiveAsync(TimeSpan budget)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(budget);
        CommandResult? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await server.KubectlAsync(["-n", ns, "run", "probe", "--image=nginx:latest", "--dry-run=server"]);
            if (last.ExitCode != 0 && last.Stderr.Contains("denied the request", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the webhook {configuration} was not called within {budget.TotalSeconds:0} s: {last} {server.LogHint}\n{serve.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await server.KubectlAsync(["delete", "validatingwebhookconfiguration", configuration, "--ignore-not-found"]);
        await serve.DisposeAsync();
        certificate.Dispose();
    }
}
