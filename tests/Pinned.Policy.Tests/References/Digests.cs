namespace Pinned.Policy.Tests.References;

/// <summary>Well-formed digests for test rows, so that rows stay readable.</summary>
internal static class Digests
{
    public const string Hex64 = "86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";

    public const string Sha256 = "sha256:" + Hex64;

    public const string Sha512 = "sha512:" + Hex64 + Hex64;

    public const string Ffff = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
}
