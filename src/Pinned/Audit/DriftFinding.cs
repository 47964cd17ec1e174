namespace Pinned.Audit;

/// <summary>A drift of one image within one owner (or bare pod): what its pods run, by digest.</summary>
internal sealed record DriftFinding(DriftKind Kind, string Image, IReadOnlyList<DigestPods> Running)
{
    /// <summary>"tag-on-several-digests" or "pinned-but-different": the id in JSON and SARIF.</summary>
    public string Id => Kind == DriftKind.TagOnSeveralDigests ? "tag-on-several-digests" : "pinned-but-different";

    /// <summary>"nginx:1.27 runs 2 images: sha256:aa… on 3 pods, sha256:bb… on 1".</summary>
    public string Describe()
    {
        var running = string.Join(", ", Running.Select(r => $"{r.Digest} on {r.Pods} pod{(r.Pods == 1 ? "" : "s")}"));
        return Kind == DriftKind.TagOnSeveralDigests
            ? $"{Image} runs {Running.Count} images: {running}"
            : $"{Image} is pinned but runs {running}";
    }
}
