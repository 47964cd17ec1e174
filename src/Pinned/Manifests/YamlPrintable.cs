using System.Buffers;

namespace Pinned.Manifests;

/// <summary>
/// The characters YAML does not allow in a stream: everything but TAB, LF, CR, 0x20-0x7E, NEL
/// (0x85), 0xA0-0xD7FF, 0xE000-0xFFFD and pairs of surrogates — the YAML 1.2 printable set, which
/// goyaml (kubectl's reader) enforces.
/// </summary>
internal static class YamlPrintable
{
    public static readonly SearchValues<char> NotPrintable = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\uFFFE\uFFFF");

    public static string Message(char c) =>
        $"control character U+{(int)c:X4} is not allowed in YAML (kubectl refuses it too)"
        + (c == '\0' ? "; a UTF-32 file, or UTF-16 without a byte-order mark? Only UTF-8 and UTF-16 with a byte-order mark are read" : string.Empty);
}
