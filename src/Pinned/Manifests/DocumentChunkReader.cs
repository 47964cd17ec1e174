using System.Text;
using System.Text.Unicode;

namespace Pinned.Manifests;

/// <summary>
/// Serves a YAML stream to the parser one chunk at a time, a chunk ending before the next line
/// that starts a document ("---" alone, or followed by a comment). Each chunk gets its own parser,
/// so broken YAML in one document does not stop the documents after it from being read (the same
/// split kubectl applies). The "---" line opens the chunk it starts, so the parser's line numbers
/// stay exact. A line that is not valid UTF-8 ends its chunk early and is remembered.
/// </summary>
internal sealed class DocumentChunkReader : TextReader
{
    private readonly Utf8LineReader _lines;
    private char[] _chars = new char[4096];
    private int _position;
    private int _length;
    private bool _chunkOpen;
    private bool _firstLineOfChunk;
    private bool _chunkHasContent;

    public DocumentChunkReader(Utf8LineReader lines) => _lines = lines;

    /// <summary>The line of the stream on which the current chunk starts (1-based).</summary>
    public int ChunkStartLine { get; private set; }

    /// <summary>The stream line last handed to the parser.</summary>
    public int LastLineRead => _lines.LineNumber;

    /// <summary>Set when the current chunk stopped at a line that is not valid UTF-8.</summary>
    public int? InvalidUtf8Line { get; private set; }

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
        _position = _length = 0;
        InvalidUtf8Line = null;
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

        // A chunk of only comments and directives ("%YAML 1.2") belongs to the document that follows.
        if (!_firstLineOfChunk && _chunkHasContent && StartsDocument(line))
        {
            _lines.Unread();
            _chunkOpen = false;
            return false;
        }

        _chunkHasContent |= IsContent(line);
        _firstLineOfChunk = false;
        if (!decode)
        {
            return true;
        }

        if (!Utf8.IsValid(line))
        {
            InvalidUtf8Line ??= _lines.LineNumber;
            _length = 0;
            SkipRestOfChunk();
            return false;
        }

        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        _length = Encoding.UTF8.GetChars(line, _chars);
        return true;
    }

    /// <summary>Anything but a blank line, a comment, a directive or a bare "---".</summary>
    private static bool IsContent(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] != (byte)'#' && line[0] != (byte)'%' && !StartsDocument(line);
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
