using System.Text;

namespace Pinned.Tests.Check.Parity;

/// <summary>Builds the inputs of the parity table: pods, encodings, line ends.</summary>
internal static class ParityText
{
    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>A pod with a mutable image (denied), in flow style so that it survives any line end.</summary>
    public static string DeniedPod(string name) =>
        $"apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - {{name: c, image: \"nginx:latest\"}}\n";

    public static string PinnedPod(string name) =>
        $"apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - {{name: c, image: \"nginx@{Manifests.Digest}\"}}\n";

    public static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part switch
            {
                string text => Utf8.GetBytes(text),
                byte[] raw => raw,
                _ => throw new ArgumentException($"not text or bytes: {part}", nameof(parts)),
            });
        }

        return [.. bytes];
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/> with <paramref name="raw"/> in place of <paramref name="marker"/>.</summary>
    public static byte[] Splice(string text, string marker, byte[] raw)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        return Bytes(text[..at], raw, text[(at + marker.Length)..]);
    }

    public static byte[] Encoded(Encoding encoding, string text, bool byteOrderMark) =>
        [.. (byteOrderMark ? encoding.GetPreamble() : []), .. encoding.GetBytes(text)];
}
