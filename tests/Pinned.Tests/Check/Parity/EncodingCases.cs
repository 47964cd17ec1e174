using System.Text;
using static Pinned.Tests.Check.Parity.ParityText;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// Encodings, byte-order marks and line ends. kubectl's counts were observed with kubectl v1.28.7
/// and v1.33 (`kubectl create --dry-run=client -o name -f FILE` against a real v1.28.7 API server;
/// see docs/check.md for the command).
/// </summary>
internal static class EncodingCases
{
    public static IEnumerable<ParityCase> All()
    {
        var pod = DeniedPod("p");
        yield return new("UTF-8", Bytes(pod), 1, 1, 1, 0, 1);
        yield return new("UTF-8 with a byte-order mark", Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, pod), 1, 1, 1, 0, 1);
        yield return new("Latin-1 comment on the first line (the issue's example)", Bytes("# Copyright ", new byte[] { 0xA9 }, " 2020\n", pod), 1, 1, 1, 0, 1);
        yield return new("Latin-1 byte in a label value", Splice(pod.Replace("{name: p}", "{name: p, labels: {a: caf@}}"), "@", [0xE9]), 1, 1, 1, 0, 1);
        yield return new("invalid UTF-8 in a comment after a pinned pod, then a denied pod", Bytes(PinnedPod("a"), "# ", new byte[] { 0xC3, 0x28, 0xFF }, "\n---\n", DeniedPod("b")), 2, 2, 1, 0, 1);
        yield return new("UTF-16 LE with a byte-order mark", Encoded(Encoding.Unicode, pod, true), 1, 1, 1, 0, 1);
        yield return new("UTF-16 BE with a byte-order mark", Encoded(Encoding.BigEndianUnicode, pod, true), 1, 1, 1, 0, 1);
        yield return new("UTF-16 LE with a byte-order mark, two documents", Encoded(Encoding.Unicode, pod + "---\n" + DeniedPod("q"), true), 2, 2, 2, 0, 1);
        yield return new("UTF-16 LE without a byte-order mark", Encoded(Encoding.Unicode, pod, false), null, 0, 0, 1, 2);
        yield return new("UTF-32 LE with a byte-order mark", Encoded(Encoding.UTF32, pod, true), null, 0, 0, 1, 2);
        yield return new("UTF-32 BE with a byte-order mark", Encoded(new UTF32Encoding(bigEndian: true, byteOrderMark: true), pod, true), null, 0, 0, 1, 2);
        yield return new("a byte-order mark after a document marker, mid-stream", Bytes(pod, "---\n", new byte[] { 0xEF, 0xBB, 0xBF }, DeniedPod("q")), 2, 2, 2, 0, 1);
        yield return new("CRLF line ends", Bytes(pod.Replace("\n", "\r\n") + "---\r\n" + DeniedPod("q").Replace("\n", "\r\n")), 2, 2, 2, 0, 1);
        yield return new("CR-only line ends", Bytes(pod.Replace('\n', '\r') + "---\r" + DeniedPod("q").Replace('\n', '\r')), 1, 2, 2, 0, 1)
        {
            Departure = "kubectl splits documents at LF only and its YAML library then reads the first document of the piece, so it applies one pod; Pinned judges both",
        };
        yield return new("tabs between tokens and in a comment", Bytes(pod.Replace("kind: Pod", "kind:\tPod\t# \ttab")), 1, 1, 1, 0, 1);
        yield return new("a tab as indentation", Bytes(pod.Replace("  containers", "\tcontainers")), null, 0, 0, 1, 2);
        yield return new("a NUL byte in a value", Splice(pod.Replace("{name: p}", "{name: \"p@\"}"), "@", [0]), null, 0, 0, 1, 2);
    }
}
