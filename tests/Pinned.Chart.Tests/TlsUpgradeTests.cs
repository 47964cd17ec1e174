using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// On upgrade the chart must keep the CA and certificate it generated (`lookup` of its Secret),
/// or caBundle would change under running pods. `helm template` and helmlite answer every lookup
/// with nothing, so a copy of the chart answers this one lookup with a Secret, as the cluster
/// would on `helm upgrade`.
/// </summary>
public sealed class TlsUpgradeTests
{
    private const string Lookup = """lookup "v1" "Secret" .Release.Namespace $secretName""";

    [Fact]
    public async Task Existing_secret_is_kept_and_trusted_by_the_webhook()
    {
        var manifest = await RenderWithClusterSecretAsync("ca.crt: Q0E=\n  tls.crt: Q0VSVA==\n  tls.key: S0VZ\n");

        var secret = manifest.Single("Secret", "pinned-tls");
        Assert.Equal("Q0E=", (string?)secret["data"]!["ca.crt"]);
        Assert.Equal("Q0VSVA==", (string?)secret["data"]!["tls.crt"]);
        Assert.Equal("S0VZ", (string?)secret["data"]!["tls.key"]);
        Assert.All(WebhookEntry.All(manifest), e => Assert.Equal("Q0E=", (string?)e.Node["clientConfig"]!["caBundle"]));
    }

    [Fact]
    public async Task Incomplete_secret_is_replaced_by_a_new_CA_and_certificate()
    {
        var manifest = await RenderWithClusterSecretAsync("ca.crt: Q0E=\n  tls.crt: Q0VSVA==\n");

        var secret = manifest.Single("Secret", "pinned-tls");
        var ca = (string)secret["data"]!["ca.crt"]!;
        Assert.NotEqual("Q0E=", ca);
        using var certificate = CertificateTrust.FromBase64Pem(ca);
        Assert.All(WebhookEntry.All(manifest), e => Assert.Equal(ca, (string?)e.Node["clientConfig"]!["caBundle"]));
    }

    private static async Task<Manifest> RenderWithClusterSecretAsync(string data)
    {
        var copy = Directory.CreateTempSubdirectory("pinned-upgrade-");
        try
        {
            foreach (var file in Directory.GetFiles(RepoLayout.Chart))
            {
                File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            }

            var templates = Directory.CreateDirectory(Path.Combine(copy.FullName, "templates")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(RepoLayout.Chart, "templates")))
            {
                var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                if (Path.GetFileName(file) == "webhookconfiguration.yaml")
                {
                    Assert.Contains(Lookup, text, StringComparison.Ordinal);
                    text = text.Replace(Lookup, """(include "test.clusterSecret" . | fromYaml)""", StringComparison.Ordinal);
                }

                await File.WriteAllTextAsync(Path.Combine(templates, Path.GetFileName(file)), text, TestContext.Current.CancellationToken);
            }

            await File.WriteAllTextAsync(
                Path.Combine(templates, "_cluster.tpl"),
                "{{- define \"test.clusterSecret\" -}}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: pinned-tls\ndata:\n  " + data + "{{- end -}}\n",
                TestContext.Current.CancellationToken);
            return await ChartRenderer.RenderFreshAsync(copy.FullName, []);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
