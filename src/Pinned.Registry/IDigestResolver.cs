using Pinned.Policy;

namespace Pinned.Registry;

/// <summary>Resolves an image's tag to the digest its registry serves; never throws for a
/// registry failure, only for the caller's cancellation.</summary>
public interface IDigestResolver
{
    Task<DigestResolution> ResolveAsync(ImageReference image, CancellationToken cancellationToken = default);
}
