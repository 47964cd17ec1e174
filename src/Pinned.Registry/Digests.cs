using System.Security.Cryptography;

namespace Pinned.Registry;

/// <summary>Content digests as the distribution API writes them ("sha256:" + 64 lower-case hex).</summary>
internal static class Digests
{
    public static bool IsValid(string? digest) => digest switch
    {
        null => false,
        _ when digest.StartsWith("sha256:", StringComparison.Ordinal) => IsLowerHex(digest.AsSpan(7), 64),
        _ when digest.StartsWith("sha512:", StringComparison.Ordinal) => IsLowerHex(digest.AsSpan(7), 128),
        _ => false,
    };

    public static string Sha256(ReadOnlySpan<byte> content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The digest of the body computed with the header's algorithm, so the two compare.</summary>
    public static string Compute(ReadOnlySpan<byte> content, string? algorithmOf) =>
        algorithmOf is not null && algorithmOf.StartsWith("sha512:", StringComparison.Ordinal)
            ? "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content))
            : Sha256(content);

    private static bool IsLowerHex(ReadOnlySpan<char> hex, int length)
    {
        if (hex.Length != length)
        {
            return false;
        }
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }
}
