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
internal sealed class DocumentChunkReader : ManifestChunkReader
{
    private readonly Utf8LineReader _lines;
    private readonly LiteralScalarLeadingLines _literal = new();
    private char[] _chars = new char[4096];
    private int _position;
    private int _length;
    private bool _chunkOpen;
    private bool _firstLineOfChunk;
    private bool _chunkHasContent;
    private bool _chunkHasDocument;
    private bool _hasDirective;

    public DocumentChunkReader(Utf8LineReader lines) => _lines = lines;

    public override int LastLineRead => _lines.LineNumber;

    public override bool HasContent => _chunkHasContent;

    public override bool HasDirective => _hasDirective;

    public override bool BeginChunk()
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
        _hasDirective = false;
        _literal.Reset();
        _position = _length = 0;
        Failure = null;
        ChunkStartLine = _lines.LineNumber + 1;
        return true;
    }

    public override void SkipRestOfChunk()
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
        _hasDirective |= IsDirective(line);
        _chunkHasContent |= IsContent(line);
        _chunkHasDocument |= _chunkHasContent || StartsDocument(line) || EndsDocument(line);
        _firstLineOfChunk = false;
        if (!decode)
        {
            return true;
        }

        _length = DecodeLine(line, ref _chars, out int bad);
        if (bad >= 0)
        {
            Failure ??= (_lines.LineNumber, YamlPrintable.Message(_chars[bad]));
            _length = 0;
            SkipRestOfChunk();
            return false;
        }

        return true;
    }

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
