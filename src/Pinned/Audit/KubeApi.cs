using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using k8s;

namespace Pinned.Audit;

/// <summary>
/// Raw GETs through KubernetesClient's own HTTP stack: its TLS settings (CA, client certificate,
/// TLS server name), its credentials (token, token file, exec plugin) and its base URL, so that
/// any kubeconfig kubectl can use works here. The body is parsed into a <see cref="JsonDocument"/>
/// rather than KubernetesClient's models: the policy engine reads JSON (<c>WorkloadDecoder</c>),
/// and a page of 500 pods as models costs many times the memory and time of the document.
/// </summary>
internal sealed class KubeApi(Kubernetes client) : IKubeApi, IDisposable
{
    public Kubernetes Client => client;

    public async Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var response = await client.HttpClient
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => client.Dispose();

    private static async Task<KubeApiException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            reason = StatusMessage(text) ?? (text.Length > 200 ? text[..200] : text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            reason = response.ReasonPhrase ?? "no body";
        }

        return new KubeApiException(response.StatusCode, reason.Length == 0 ? response.StatusCode.ToString() : reason, RetryAfter(response));
    }

    /// <summary>The message of a metav1.Status body, or null when the body is no such thing.</summary>
    internal static string? StatusMessage(string text)
    {
        try
        {
            using var status = JsonDocument.Parse(text);
            return status.RootElement.ValueKind == JsonValueKind.Object
                && status.RootElement.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date && date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : null;
    }

    internal static string Escape(string value) => Uri.EscapeDataString(value);

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static bool IsForbidden(KubeApiException e) => e.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
}
