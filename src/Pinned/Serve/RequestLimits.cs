namespace Pinned.Serve;

/// <summary>How much and how long the webhook accepts from one request.</summary>
internal static class RequestLimits
{
    /// <summary>
    /// 7 MiB, the same bound as controller-runtime's webhook server, derived here from Kubernetes'
    /// own limits: the API server accepts write bodies up to 3 MiB (its default
    /// --max-request-bytes for non-streaming writes) and etcd stores objects up to 1.5 MiB, but
    /// an object stored as protobuf can grow when the API server renders it as JSON, and an
    /// UPDATE review carries both object and oldObject: 2 × 3 MiB plus the envelope (userInfo,
    /// options) stays under 7 MiB. Anything larger cannot be a real AdmissionReview.
    /// </summary>
    public const long MaxBodyBytes = 7 * 1024 * 1024;

    /// <summary>Kestrel's wait for request headers; an idle connection is closed after it (slowloris).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default budget for receiving a whole body. The API server waits at most
    /// timeoutSeconds (≤ 30 s, default 10 s, 5 s in the chart) for an answer, so a body still
    /// arriving after 10 s has no one waiting for its verdict. ?timeout= lowers it per call.
    /// </summary>
    public static readonly TimeSpan DefaultBodyReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads the API server's "?timeout=5s" (whole seconds, as it formats timeoutSeconds).</summary>
    public static bool TryParseTimeoutQuery(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text[^1] != 's'
            || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, null, out var seconds)
            || seconds is <= 0 or > 300)
        {
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
