namespace Pinned.Audit;

/// <summary>
/// The digest in a container status's <c>imageID</c>, in the forms runtimes write:
/// <c>docker-pullable://repo@sha256:…</c> (dockershim, cri-dockerd), <c>repo@sha256:…</c>
/// (containerd, CRI-O) and a bare <c>sha256:…</c>. Anything else (empty while the image is
/// pulled, an unknown form) has no digest.
/// </summary>
internal static class ImageIdDigest
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string? Parse(string? imageId)
    {
        if (string.IsNullOrEmpty(imageId))
        {
            return null;
        }

        var at = imageId.LastIndexOf('@');
        var digest = at >= 0 ? imageId.AsSpan(at + 1) : imageId.AsSpan();
        return IsDigest(digest, "sha256:", 64) || IsDigest(digest, "sha512:", 128) ? digest.ToString() : null;
    }

    private static bool IsDigest(ReadOnlySpan<char> text, string algorithm, int hexLength) =>
        text.Length == algorithm.Length + hexLength && text.StartsWith(algorithm, StringComparison.Ordinal)
        && !text[algorithm.Length..].ContainsAnyExcept(LowerHex);
}
