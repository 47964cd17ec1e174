using System.Security.Cryptography.X509Certificates;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

public sealed class TlsTests
{
    private const string ServiceHost = "pinned.pinned-system.svc";

    [Fact]
    public async Task Self_signed_mode_writes_a_CA_and_a_serving_certificate_the_webhook_trusts()
    {
        var manifest = await ChartRenderer.RenderAsync();
        var secret = manifest.Single("Secret", "pinned-tls");

        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        var caBase64 = (string)secret["data"]!["ca.crt"]!;
        using var ca = Certificate(caBase64);
        using var leaf = Certificate((string)secret["data"]!["tls.crt"]!);
        Assert.NotEmpty((string)secret["data"]!["tls.key"]!);

        // Every webhook entry trusts exactly this CA.
        Assert.All(WebhookEntry.All(manifest), e => Assert.Equal(caBase64, (string?)e.Node["clientConfig"]!["caBundle"]));
        // And the serving certificate chains to it and names the Service.
        Assert.True(CertificateTrust.ChainsTo(leaf, ca), "tls.crt does not chain to ca.crt");
        Assert.True(leaf.MatchesHostname(ServiceHost));
        Assert.True(leaf.MatchesHostname("pinned.pinned-system"));
        Assert.False(leaf.MatchesHostname("pinned.other-namespace.svc"));
        Assert.True(leaf.NotAfter > DateTime.UtcNow.AddDays(3000), $"valid until {leaf.NotAfter}");
        Assert.Empty(manifest.OfKind("Certificate"));
    }

    [Fact]
    public async Task Self_signed_secret_is_a_release_object_while_the_configurations_wait_for_the_hook()
    {
        var manifest = await ChartRenderer.RenderAsync();

        // The Secret must exist before the pods start, and be found by lookup on upgrade.
        Assert.Empty(manifest.Single("Secret", "pinned-tls").HookEvents);
        Assert.DoesNotContain("cert-manager.io/inject-ca-from", manifest.Single("ValidatingWebhookConfiguration").Annotations.Keys);
    }

    [Fact]
    public async Task Self_signed_validity_follows_the_value()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/selfsigned-values.yaml");
        using var leaf = Certificate((string)manifest.Single("Secret", "pinned-admission-tls")["data"]!["tls.crt"]!);

        Assert.InRange(leaf.NotAfter, DateTime.UtcNow.AddDays(363), DateTime.UtcNow.AddDays(366));
        Assert.True(leaf.MatchesHostname("pinned-admission.pinned-system.svc"));
    }

    [Theory]
    [InlineData("ci/certmanager-values.yaml")]
    [InlineData("ci/certmanager-issuer-values.yaml")]
    public async Task Cert_manager_mode_issues_the_mounted_secret_and_injects_the_CA(string valueSet)
    {
        var manifest = await ChartRenderer.RenderAsync(valueSet);
        var certificate = manifest.Single("Certificate", "pinned");

        Assert.Equal("pinned-tls", (string?)certificate["spec.secretName"]);
        Assert.Contains(ServiceHost, certificate["spec.dnsNames"]!.AsArray().Select(n => (string?)n));
        Assert.Null(manifest.Find("Secret", "pinned-tls"));
        Assert.Equal("pinned-tls", (string?)manifest.Single("Deployment")["spec.template.spec.volumes[0].secret.secretName"]);
        foreach (var entry in WebhookEntry.All(manifest))
        {
            Assert.Equal($"pinned-system/{certificate.Name}", entry.Configuration.Annotations["cert-manager.io/inject-ca-from"]);
            Assert.Null(entry.Node["clientConfig"]!["caBundle"]);
        }
    }

    [Fact]
    public async Task Cert_manager_without_an_issuer_gets_a_private_CA_that_survives_renewals()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/certmanager-values.yaml");

        var ca = manifest.Single("Certificate", "pinned-ca");
        Assert.True((bool)ca["spec.isCA"]!);
        Assert.Equal("pinned-selfsigned", (string?)ca["spec.issuerRef.name"]);
        Assert.NotNull(manifest.Single("Issuer", "pinned-selfsigned")["spec.selfSigned"]);
        Assert.Equal("pinned-ca", (string?)manifest.Single("Issuer", "pinned-ca")["spec.ca.secretName"]);
        Assert.Equal("pinned-ca", (string?)manifest.Single("Certificate", "pinned")["spec.issuerRef.name"]);
    }

    [Fact]
    public async Task Cert_manager_with_an_issuer_uses_it_and_creates_none()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/certmanager-issuer-values.yaml");
        var certificate = manifest.Single("Certificate");

        Assert.Empty(manifest.OfKind("Issuer"));
        Assert.Equal("ClusterIssuer", (string?)certificate["spec.issuerRef.kind"]);
        Assert.Equal("platform-ca", (string?)certificate["spec.issuerRef.name"]);
        Assert.Equal("720h", (string?)certificate["spec.duration"]);
    }

    [Fact]
    public async Task Service_monitor_verifies_the_serving_certificate_against_the_CA()
    {
        var monitor = (await ChartRenderer.RenderAsync("ci/monitoring-values.yaml")).Single("ServiceMonitor");

        Assert.Equal("https", (string?)monitor["spec.endpoints[0].scheme"]);
        Assert.Equal("/metrics", (string?)monitor["spec.endpoints[0].path"]);
        Assert.Equal(ServiceHost, (string?)monitor["spec.endpoints[0].tlsConfig.serverName"]);
        Assert.Equal("pinned-tls", (string?)monitor["spec.endpoints[0].tlsConfig.ca.secret.name"]);
        Assert.Equal("ca.crt", (string?)monitor["spec.endpoints[0].tlsConfig.ca.secret.key"]);
        Assert.Null(monitor["spec.endpoints[0].tlsConfig.insecureSkipVerify"]);
    }

    private static X509Certificate2 Certificate(string base64Pem) => CertificateTrust.FromBase64Pem(base64Pem);
}
