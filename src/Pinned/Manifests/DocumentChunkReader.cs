using System.Buffers;
using System.Text;

namespace Pinned.Manifests;

/// <summary>
/// Serves a YAML stream to the parser one chunk at a time, a chunk ending before the next line
/// that starts a document ("---" alone, or followed by a comment) or a directive that follows a
/// document ("%YAML 1.2" with no "..." before it). Each chunk gets its own parser,
/// so broken YAML in one document does not stop the documents after it from being read (the same
/// split kubectl applies). The "---" line opens the chunk it starts, so the parser's line numbers
/// stay exact. Lines are decoded as kubectl decodes them: an invalid UTF-8 byte reads as U+FFFD, a
/// byte-order mark at the start of a line is dropped (libyaml skips one at column 0 anywhere). A
/// character YAML does not allow (NUL and the other control characters) ends the chunk early
/// and is remembered as its <see cref="Failure"/>: kubectl refuses such input too.
/// </summary>
internal sealed class DocumentChunkReader : TextReader
{
    // Everything but TAB, LF, CR, 0x20-0x7E, NEL (0x85), 0xA0-0xD7FF, 0xE000-0xFFFD and pairs of
    // surrogates: the YAML 1.2 printable set, which goyaml (kubectl's reader) enforces.
    private static readonly SearchValues<char> NotPrintable = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\uFFFE\uFFFF");

    private readonly Utf8LineReader _lines;
    private readonly LiteralScalarLeadingLines _literal = new();
    private char[] _chars = new char[4096];
    private int _position;
    private int _length;
    private bool _chunkOpen;
    private bool _firstLineOfChunk;
    private bool _chunkHasContent;
    private bool _chunkHasDocument;

    public DocumentChunkReader(Utf8LineReader lines) => _lines = lines;

    /// <summary>The line of the stream on which the current chunk starts (1-based).</summary>
    public int ChunkStartLine { get; private set; }

    /// <summary>The stream line last handed to the parser.</summary>
    public int LastLineRead => _lines.LineNumber;

    /// <summary>Set when the current chunk stopped at a line it cannot hand to the parser: its line and why.</summary>
    public (int Line, string Message)? Failure { get; private set; }

    /// <summary>Whether the current chunk holds anything but blank lines, comments, directives and markers.</summary>
    public bool HasContent => _chunkHasContent;

    /// <summary>Whether the current chunk holds a directive ("%YAML 1.2"), which must open a document.</summary>
    public bool HasDirective { get; private set; }

    /// <summary>Starts the next chunk; false at the end of the stream.</summary>
    public bool BeginChunk()
    {
        if (!_lines.TryReadLine(out _))
        {
            return false;
        }

        _lines.Unread();
        _chunkOpen = true;
        _firstLineOfChunk = true;
        _chunkHasContent = false;
        _chunkHasDocument = false;
        HasDirective = false;
        _literal.Reset();
        _position = _length = 0;
        Failure = null;
        ChunkStartLine = _lines.LineNumber + 1;
        return true;
    }

    /// <summary>Drops what is left of the current chunk, after its document failed to parse.</summary>
    public void SkipRestOfChunk()
    {
        _position = _length = 0;
        while (_chunkOpen && NextLine(decode: false))
        {
        }
    }

    public override int Peek() => _position < _length || Refill() ? _chars[_position] : -1;

    public override int Read() => _position < _length || Refill() ? _chars[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_position >= _length && !Refill()))
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _length - _position);
        _chars.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    private bool Refill()
    {
        _position = _length = 0;
        while (_chunkOpen)
        {
            if (NextLine(decode: true) && _length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads one line of the chunk; false (and the chunk closed) at its end.</summary>
    private bool NextLine(bool decode)
    {
        if (!_lines.TryReadLine(out var line))
        {
            _chunkOpen = false;
            return false;
        }

        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        // A chunk of only comments and directives ("%YAML 1.2") belongs to the document that follows.
        // A directive ("%YAML 1.2") opens the next document, as libyaml (kubectl's parser) reads it
        // wherever it stands at column 0: it ends the chunk of the document before it.
        if (!_firstLineOfChunk && ((_chunkHasContent && StartsDocument(line)) || (_chunkHasDocument && IsDirective(line))))
        {
            _lines.Unread();
            _chunkOpen = false;
            return false;
        }

        line = _literal.Filter(line);
        HasDirective |= IsDirective(line);
        _chunkHasContent |= IsContent(line);
        _chunkHasDocument |= _chunkHasContent || StartsDocument(line) || EndsDocument(line);
        _firstLineOfChunk = false;
        if (!decode)
        {
            return true;
        }

        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        _length = Encoding.UTF8.GetChars(line, _chars); // replaces invalid bytes with U+FFFD
        int bad = _chars.AsSpan(0, _length).IndexOfAny(NotPrintable);
        if (bad >= 0)
        {
            Failure ??= (_lines.LineNumber, NotPrintableMessage(_chars[bad]));
            _length = 0;
            SkipRestOfChunk();
            return false;
        }

        return true;
    }

    private static string NotPrintableMessage(char c) =>
        $"control character U+{(int)c:X4} is not allowed in YAML (kubectl refuses it too)"
        + (c == '\0' ? "; a UTF-32 file, or UTF-16 without a byte-order mark? Only UTF-8 and UTF-16 with a byte-order mark are read" : string.Empty);

    /// <summary>Anything but a blank line, a comment, a directive, a bare "---" or a "..." document end.</summary>
    private static bool IsContent(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] != (byte)'#' && line[0] != (byte)'%' && !StartsDocument(line) && !EndsDocument(line);
    }

    private static bool IsDirective(ReadOnlySpan<byte> line) => !line.IsEmpty && line[0] == (byte)'%';

    /// <summary>"..." at column 0 followed by nothing, blanks or a comment.</summary>
    private static bool EndsDocument(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("..."u8))
        {
            return false;
        }

        var rest = line[3..].TrimStart(" \t\r\n"u8);
        return rest.IsEmpty || (rest[0] == (byte)'#' && line[3] is (byte)' ' or (byte)'\t');
    }

    /// <summary>"---" at column 0 followed by nothing, blanks or a comment.</summary>
    internal static bool StartsDocument(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("---"u8))
        {
            return false;
        }

        var rest = line[3..];
        if (rest.IsEmpty || rest[0] is (byte)'\n' or (byte)'\r')
        {
            return true;
        }

        if (rest[0] is not ((byte)' ' or (byte)'\t'))
        {
            return false;
        }

        var trimmed = rest.TrimStart(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed[0] == (byte)'#';
    }
}
