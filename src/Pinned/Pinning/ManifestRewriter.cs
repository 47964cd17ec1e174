using System.Text;

namespace Pinned.Pinning;

/// <summary>
/// Appends "@sha256:…" to image scalars by splicing the original text, so every other byte
/// (comments, key order, indentation, quoting, line endings) stays as it was. The result is
/// parsed again and must hold exactly the expected images; anything else is refused.
/// </summary>
internal static class ManifestRewriter
{
    public static string Apply(string text, IReadOnlyList<(ImageScalar Scalar, string Digest)> pins)
    {
        var builder = new StringBuilder(text.Length + pins.Count * 72);
        var position = 0;
        foreach (var (scalar, digest) in pins.OrderBy(p => p.Scalar.InsertionPoint))
        {
            builder.Append(text, position, scalar.InsertionPoint - position).Append('@').Append(digest);
            position = scalar.InsertionPoint;
        }
        builder.Append(text, position, text.Length - position);
        var result = builder.ToString();
        Verify(text, result, pins);
        return result;
    }

    private static void Verify(string original, string rewritten, IReadOnlyList<(ImageScalar Scalar, string Digest)> pins)
    {
        var expected = ManifestImageLocator.Locate(original)
            .Select(s => pins.FirstOrDefault(p => p.Scalar.Start == s.Start) is { Scalar: not null } pin ? $"{s.Value}@{pin.Digest}" : s.Value);
        var actual = ManifestImageLocator.Locate(rewritten).Select(s => s.Value);
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException("the rewritten manifest did not read back with the expected images; nothing was written");
        }
    }
}
