using System.Text;

namespace Pinned.Manifests;

/// <summary>
/// Turns an input into UTF-8 the way kubectl does (cli-runtime's FileVisitor reads every file and
/// standard input through golang.org/x/text's <c>BOMOverride(UTF8)</c>): a UTF-16 byte-order mark
/// (FF FE, FE FF) switches the whole input to UTF-16, which is transcoded; anything else is read
/// as UTF-8, where a UTF-8 byte-order mark is dropped later and an invalid byte reads as U+FFFD
/// (see <see cref="DocumentChunkReader"/>). No other encoding is guessed: UTF-32 and UTF-16
/// without a mark hold NUL characters, which the YAML reader refuses, as kubectl does.
/// </summary>
internal static class InputEncoding
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static Stream ToUtf8(Stream stream)
    {
        var head = new byte[2];
        int length = 0;
        try
        {
            while (length < head.Length && stream.Read(head, length, head.Length - length) is var read and > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputReadException(0, e);
        }

        return (length, head[0], head[1]) switch
        {
            (2, 0xFF, 0xFE) => Encoding.CreateTranscodingStream(stream, Encoding.Unicode, Utf8, leaveOpen: true),
            (2, 0xFE, 0xFF) => Encoding.CreateTranscodingStream(stream, Encoding.BigEndianUnicode, Utf8, leaveOpen: true),
            _ => new PrefixedStream(head.AsMemory(0, length), stream),
        };
    }
}
