using k8s.Autorest;

namespace Pinned.Audit.Reports;

/// <summary>A KubernetesClient error as the audit's <see cref="KubeApiException"/>: the status, the Status object's message, Retry-After.</summary>
internal static class KubeApiFailure
{
    public static KubeApiException From(HttpOperationException e)
    {
        var response = e.Response;
        return new KubeApiException(response.StatusCode, (string.IsNullOrEmpty(response.Content) ? null : KubeApi.StatusMessage(response.Content)) ?? response.ReasonPhrase ?? response.StatusCode.ToString(), RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessageWrapper response) =>
        response.Headers is { } headers && headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
