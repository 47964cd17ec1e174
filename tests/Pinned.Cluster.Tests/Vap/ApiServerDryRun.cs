using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>How the API server answered a server-side dry-run CREATE.</summary>
internal sealed record DryRunAnswer(HttpStatusCode Status, string Message)
{
    private static readonly Regex Violation = new(@"\[(image-digest|mutable-tag|host-path)\] (spec[^\s:]*): ", RegexOptions.CultureInvariant);

    public bool Admitted => Status == HttpStatusCode.Created;

    /// <summary>Refused by a ValidatingAdmissionPolicy (not by the API server's own validation).</summary>
    public bool DeniedByPolicy => Status == HttpStatusCode.Forbidden && Message.Contains("ValidatingAdmissionPolicy", StringComparison.Ordinal);

    /// <summary>"rule path" of every violation the denial names, sorted.</summary>
    public IReadOnlyList<string> Violations => [.. Violation.Matches(Message).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order(StringComparer.Ordinal)];
}

/// <summary>
/// Server-side dry-run CREATEs (`?dryRun=All`) over HTTPS with the admin token: the whole admission
/// chain runs, nothing is stored, so thousands of objects cost no etcd writes.
/// </summary>
internal sealed class ApiServerDryRun : IDisposable
{
    private readonly HttpClient _http;

    public ApiServerDryRun(KubeApiServer cluster)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(cluster.CaFile);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 8 };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 presented && chain.Build(presented);
        };
        _http = new HttpClient(handler) { BaseAddress = cluster.Url, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
    }

    public async Task<DryRunAnswer> CreateAsync(string ns, string kind, JsonObject body, CancellationToken cancellationToken)
    {
        var resource = WorkloadKinds.Resource(kind) ?? throw new ArgumentException($"no resource for {kind}", nameof(kind));
        var prefix = resource.Group.Length == 0 ? "/api/v1" : $"/apis/{resource.Group}/v1";
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"{prefix}/namespaces/{ns}/{resource.Plural}?dryRun=All&fieldValidation=Ignore", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = response.IsSuccessStatusCode ? "" : (TryMessage(text) ?? text);
        return new DryRunAnswer(response.StatusCode, message);
    }

    private static string? TryMessage(string text)
    {
        try
        {
            return (string?)JsonNode.Parse(text)?["message"];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
