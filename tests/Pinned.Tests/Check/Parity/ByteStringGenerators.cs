using System.Text;
using CsCheck;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// Inputs for the read-everything property: streams of fragments (pods, Lists, markers, comments,
/// directives, broken YAML, control characters, stray bytes), encoded as kubectl may meet them.
/// </summary>
internal static class ByteStringGenerators
{
    /// <summary>An input and whether it holds, between document markers, a denied workload left intact.</summary>
    internal sealed record Input(byte[] Bytes, bool HasIntactDeniedWorkload, string Description)
    {
        public override string ToString() => Description;
    }

    private sealed record Fragment(string? Text, byte[]? Raw, bool Denied);

    private static readonly Gen<string> Word = Gen.Char["abcxyz019 :-#{}[],'\"|>&*!%@`?\t"].Array[0, 12].Select(c => new string(c));

    private static readonly Gen<Fragment> TextFragment = Gen.Frequency(
        (3, Gen.Const(new Fragment(ParityText.DeniedPod("d"), null, Denied: true))),
        (2, Gen.Const(new Fragment(ParityText.PinnedPod("p"), null, false))),
        (1, Gen.Const(new Fragment("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: l}, spec: {containers: [{name: c, image: nginx}]}}\n", null, Denied: true))),
        (1, Gen.Const(new Fragment("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""" + "\n", null, Denied: true))),
        (4, Gen.OneOf("# comment\n", "\n", "  \n", "...\n", "%YAML 1.2\n", "~\n", "null\n", "--- |\n  text\n", "a: [\n", "{\n", "- x\n", "\t\n", "a: 1\n").Select(t => new Fragment(t, null, false))),
        (3, Word.Select(w => new Fragment(w + "\n", null, false))));

    private static readonly Gen<Fragment> RawFragment = Gen.Frequency(
        (3, Gen.Byte.Array[1, 8].Select(b => new Fragment(null, [.. b, (byte)'\n'], false))),
        (1, Gen.OneOf<byte[]>([0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0], [0xA9], [0xC3], [0x0D]).Select(b => new Fragment(null, [.. b, (byte)'\n'], false))));

    private static readonly Gen<(string Name, Encoding Encoding, bool Raw)> Encodings = Gen.Frequency(
        (6, Gen.Const(("UTF-8", (Encoding)ParityText.Utf8, true))),
        (1, Gen.Const(("UTF-8 BOM", (Encoding)new UTF8Encoding(true), true))),
        (1, Gen.Const(("UTF-16LE BOM", (Encoding)Encoding.Unicode, false))),
        (1, Gen.Const(("UTF-16BE BOM", (Encoding)Encoding.BigEndianUnicode, false))));

    /// <summary>Each fragment opens with "---" or not; stray bytes only where the encoding is UTF-8.</summary>
    public static readonly Gen<Input> Streams =
        Gen.Select(Encodings, Gen.Select(Gen.Bool, Gen.Frequency((4, TextFragment), (1, RawFragment))).Array[0, 8], Build);

    private static readonly Gen<Fragment> JsonFragment = Gen.Frequency(
        (3, Gen.Const(new Fragment("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j","labels":{"a":"}{[\"]"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""", null, Denied: true))),
        (2, Gen.Const(new Fragment("""{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"l"},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}]}""", null, Denied: true))),
        (3, Gen.OneOf("", " ", "\n", "\r\n", "\t", "\n\n  ").Select(t => new Fragment(t, null, false))),
        (1, Gen.OneOf("{", "}", "]", "[1]", "\"s\"", "---\n", "# c\n", "x", "{\"a\":").Select(t => new Fragment(t, null, false))),
        (1, Gen.Byte.Array[1, 3].Select(b => new Fragment(null, b, false))));

    /// <summary>
    /// JSON streams: an object first (so that kubectl and Pinned read the input as JSON), then
    /// objects, whitespace and breakage. A denied object counts as intact only when nothing but
    /// objects and whitespace comes before it.
    /// </summary>
    public static readonly Gen<Input> JsonStreams = Gen.Select(Gen.Bool, JsonFragment.Array[0, 8], (deniedFirst, all) =>
    {
        var first = new Fragment(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"f"},"spec":{"containers":[{"name":"c","image":"IMAGE"}]}}"""
                .Replace("IMAGE", deniedFirst ? "nginx:latest" : "nginx@" + Manifests.Digest, StringComparison.Ordinal),
            null,
            deniedFirst);
        var bytes = new List<byte>();
        var description = new StringBuilder("JSON");
        bool clean = true, intactDenied = false;
        foreach (var fragment in all.Prepend(first))
        {
            var text = fragment.Text ?? string.Empty;
            intactDenied |= clean && fragment.Denied;
            clean &= fragment.Raw is null && (fragment.Denied || text.Trim().Length == 0);
            bytes.AddRange(fragment.Raw ?? ParityText.Utf8.GetBytes(text));
            description.Append(" | ").Append(fragment.Raw is { } raw ? Convert.ToHexString(raw) : text.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        return new Input([.. bytes], intactDenied, description.ToString());
    });

    /// <summary>Bytes with no structure at all.</summary>
    public static readonly Gen<Input> AnyBytes = Gen.Byte.Array[0, 64].Select(b => new Input(b, false, Convert.ToHexString(b)));

    private static Input Build((string Name, Encoding Encoding, bool Raw) encoding, (bool Marker, Fragment Fragment)[] all)
    {
        var parts = all.Where(p => p.Fragment.Raw is null || encoding.Raw).ToArray();
        var bytes = new List<byte>(encoding.Encoding.GetPreamble());
        bool intactDenied = false;
        var description = new StringBuilder(encoding.Name);
        for (int i = 0; i < parts.Length; i++)
        {
            var (marker, fragment) = parts[i];

            // A denied workload is intact when "---" opens it and the next fragment opens with "---" too (or none follows).
            bool closed = i == parts.Length - 1 || parts[i + 1].Marker;
            intactDenied |= fragment.Denied && marker && closed;
            bytes.AddRange(encoding.Encoding.GetBytes(marker ? "---\n" : string.Empty));
            bytes.AddRange(fragment.Raw ?? encoding.Encoding.GetBytes(fragment.Text!));
            description.Append(marker ? " | ---\\n" : " |").Append(' ')
                .Append(fragment.Raw is { } raw ? Convert.ToHexString(raw) : fragment.Text!.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        // Stray bytes that open the input with a UTF-16 byte-order mark turn all of it into other text.
        if (encoding.Raw && bytes.Count >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            intactDenied = false;
        }

        return new Input([.. bytes], intactDenied, description.ToString());
    }
}
