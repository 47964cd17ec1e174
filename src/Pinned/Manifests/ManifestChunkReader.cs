using System.Text;

namespace Pinned.Manifests;

/// <summary>
/// Serves an input to the YAML parser one piece at a time, each piece read by a parser of its own
/// so that broken text in one piece does not stop the pieces after it. A piece is a YAML document
/// (<see cref="DocumentChunkReader"/>) or one object of a JSON stream (<see cref="JsonValueChunkReader"/>).
/// </summary>
internal abstract class ManifestChunkReader : TextReader
{
    /// <summary>The line of the stream on which the current chunk starts (1-based).</summary>
    public int ChunkStartLine { get; protected set; }

    /// <summary>The stream line last handed to the parser.</summary>
    public abstract int LastLineRead { get; }

    /// <summary>Set when the current chunk stopped at a line it cannot hand to the parser: its line and why.</summary>
    public (int Line, string Message)? Failure { get; protected set; }

    /// <summary>Whether the current chunk holds anything but blank lines, comments, directives and markers.</summary>
    public abstract bool HasContent { get; }

    /// <summary>Whether the current chunk holds a directive ("%YAML 1.2"), which must open a document.</summary>
    public virtual bool HasDirective => false;

    /// <summary>Starts the next chunk; false at the end of the stream.</summary>
    public abstract bool BeginChunk();

    /// <summary>Drops what is left of the current chunk, after its document failed to parse.</summary>
    public abstract void SkipRestOfChunk();

    /// <summary>
    /// Decodes one line into <paramref name="chars"/>, grown as needed (invalid UTF-8 becomes
    /// U+FFFD, as kubectl reads it): its length, and where the first character YAML refuses is, or -1.
    /// </summary>
    protected static int DecodeLine(ReadOnlySpan<byte> line, ref char[] chars, out int notPrintable)
    {
        if (chars.Length < line.Length)
        {
            chars = new char[Math.Max(line.Length, chars.Length * 2)];
        }

        int length = Encoding.UTF8.GetChars(line, chars);
        notPrintable = chars.AsSpan(0, length).IndexOfAny(YamlPrintable.NotPrintable);
        return length;
    }
}
