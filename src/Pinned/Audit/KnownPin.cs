namespace Pinned.Audit;

/// <summary>A tag whose pods all run one digest: the pinned reference to write, known with no registry call.</summary>
internal sealed record KnownPin(string Image, string Digest, int Pods)
{
    /// <summary>What the author wrote with the digest appended, as <c>pinned pin</c> writes it: "nginx:1.27@sha256:…".</summary>
    public string Pinned => $"{Image}@{Digest}";
}
