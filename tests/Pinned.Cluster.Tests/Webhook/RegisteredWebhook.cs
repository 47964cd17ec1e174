using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Webhook;

/// <summary>A running `pinned serve` and the ValidatingWebhookConfiguration that sends one namespace's objects to it; removed on dispose.</summary>
internal sealed class RegisteredWebhook(KubeApiServer server, string configuration, string ns, ServeProcess serve, LoopbackCertificate certificate)
    : IAsyncDisposable
{
    public string Namespace => ns;

    public ServeProcess Serve => serve;

    /// <summary>In namespace <paramref name="ns"/>: `pinned serve` on a certificate for 127.0.0.1, and the webhook configuration pointing at it.</summary>
    public static async Task<RegisteredWebhook> StartAsync(KubeApiServer server, string ns, TimeSpan budget)
    {
        var certificate = new LoopbackCertificate();
        var serve = ServeProcess.Start(["--cert", certificate.CertPath, "--key", certificate.KeyPath, "--mode", "enforce"],
            new Dictionary<string, string>(), "webhook");
        await serve.WaitReadyAsync(budget);
        var name = "pinned-test-" + ns;
        await server.ApplyAsync($$"""
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: {{name}}}
            webhooks:
            - name: validate.pinned.dev
              clientConfig:
                url: {{new Uri(serve.BaseAddress, "/validate")}}
                caBundle: {{certificate.CaBundle}}
              namespaceSelector:
                matchLabels: {kubernetes.io/metadata.name: {{ns}}}
              rules:
              - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods, pods/ephemeralcontainers, replicationcontrollers, podtemplates], scope: Namespaced}
              - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments, replicasets, statefulsets, daemonsets], scope: Namespaced}
              - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [jobs, cronjobs], scope: Namespaced}
              failurePolicy: Fail
              sideEffects: None
              admissionReviewVersions: [v1]
              timeoutSeconds: 10
            """);
        var hook = new RegisteredWebhook(server, name, ns, serve, certificate);
        await hook.WaitEffectiveAsync(budget);
        return hook;
    }

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
