namespace Pinned.Registry;

/// <summary>
/// The answer for one image: a digest, or a failure whose message says which image, which
/// registry and why. Resolution outcomes are values; only the caller's cancellation throws.
/// </summary>
public sealed record DigestResolution
{
    private DigestResolution(string image, string registry, string? digest, RegistryFailure? failure, string? reason)
    {
        Image = image;
        Registry = registry;
        Digest = digest;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The image as the caller named it.</summary>
    public string Image { get; }

    /// <summary>The registry host[:port] that was asked (registry-1.docker.io for Docker Hub).</summary>
    public string Registry { get; }

    /// <summary>"sha256:…" when resolved.</summary>
    public string? Digest { get; }

    public RegistryFailure? Failure { get; }

    /// <summary>Why it failed, in a few words ("manifest unknown", "timed out after 2s").</summary>
    public string? Reason { get; }

    public bool Succeeded => Digest is not null;

    /// <summary>"cannot resolve nginx:1.27 at registry-1.docker.io: not found (…)".</summary>
    public string Message => Succeeded
        ? $"{Image} resolved to {Digest} at {Registry}"
        : $"cannot resolve {Image} at {Registry}: {Reason}";

    public static DigestResolution Resolved(string image, string registry, string digest) =>
        new(image, registry, digest, null, null);

    public static DigestResolution Failed(string image, string registry, RegistryFailure failure, string reason) =>
        new(image, registry, null, failure, reason);
}
