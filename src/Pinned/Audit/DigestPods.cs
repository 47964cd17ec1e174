namespace Pinned.Audit;

/// <summary>One digest an image runs as, and on how many pods.</summary>
internal sealed record DigestPods(string Digest, int Pods);
