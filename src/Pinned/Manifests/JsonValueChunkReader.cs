using System.Buffers;

namespace Pinned.Manifests;

/// <summary>
/// Serves a JSON stream (objects one after another: <c>{…}{…}</c>, or one per line) to the parser
/// one object at a time, as kubectl's YAMLOrJSONDecoder reads an input whose first character is
/// '{': encoding/json's Decoder, value by value. Each object is parsed as YAML (JSON is YAML 1.2),
/// so a JSON List is handed out item by item like a YAML one and lines stay exact. Anything but an
/// object where the next one should start ends the stream with a <see cref="ManifestChunkReader.Failure"/>
/// on that line: kubectl stops reading there too, after applying the objects before it.
/// </summary>
internal sealed class JsonValueChunkReader : ManifestChunkReader
{
    private static readonly SearchValues<char> Structural = SearchValues.Create("{}[]\"");
    private static readonly SearchValues<char> InString = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n"); // JSON's whitespace

    private readonly Utf8LineReader _lines;
    private char[] _line = new char[4096];
    private int _lineLength;
    private int _linePosition;
    private bool _valueOpen;
    private bool _stopped;
    private bool _hasContent;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private int _peeked = -1;

    public JsonValueChunkReader(Utf8LineReader lines) => _lines = lines;

    public override int LastLineRead => _lines.LineNumber;

    public override bool HasContent => _hasContent;

    /// <summary>Whether an input whose next line is the first one read is a JSON stream: its first non-blank character is '{'.</summary>
    public static bool StartsJsonStream(Utf8LineReader lines)
    {
        while (lines.TryReadLine(out var line))
        {
            var content = line.TrimStart(" \t\r\n"u8);
            if (!content.IsEmpty)
            {
                lines.Unread();
                return content[0] == (byte)'{';
            }
        }

        return false;
    }

    public override bool BeginChunk()
    {
        Failure = null;
        _hasContent = false;
        _peeked = -1;
        if (_stopped || !SkipWhitespace())
        {
            return false;
        }

        _hasContent = true;
        ChunkStartLine = _lines.LineNumber;
        if (Failure is not null)
        {
            _stopped = true;
            return true;
        }

        char first = _line[_linePosition];
        if (first != '{')
        {
            Failure = (_lines.LineNumber, $"this input is a stream of JSON objects (it starts with '{{'), and here '{first}' stands where the next object should start; kubectl stops reading at it too");
            _stopped = true;
            return true;
        }

        _valueOpen = true;
        _depth = 0;
        _inString = _escaped = false;
        return true;
    }

    public override void SkipRestOfChunk()
    {
        _peeked = -1;
        while (_valueOpen)
        {
            if (_linePosition == _lineLength && !NextLine())
            {
                _valueOpen = false;
                return;
            }

            int end = ValueEnd(_line.AsSpan(_linePosition, _lineLength - _linePosition));
            _linePosition = end < 0 ? _lineLength : _linePosition + end;
            _valueOpen = end < 0;
        }
    }

    public override int Peek()
    {
        if (_peeked < 0)
        {
            Span<char> one = stackalloc char[1];
            _peeked = ReadValue(one) == 1 ? one[0] : -1;
        }

        return _peeked;
    }

    public override int Read()
    {
        int c = Peek();
        _peeked = -1;
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_peeked >= 0)
        {
            buffer[0] = (char)_peeked;
            _peeked = -1;
            return 1 + ReadValue(buffer[1..]);
        }

        return ReadValue(buffer);
    }

    private int ReadValue(Span<char> buffer)
    {
        int n = 0;
        while (_valueOpen && n < buffer.Length)
        {
            if (_linePosition == _lineLength && !NextLine())
            {
                _valueOpen = false; // the end of the input inside an object: the parser reports it unclosed
                break;
            }

            var available = _line.AsSpan(_linePosition, Math.Min(_lineLength - _linePosition, buffer.Length - n));
            int end = ValueEnd(available);
            int take = end < 0 ? available.Length : end;
            available[..take].CopyTo(buffer[n..]);
            n += take;
            _linePosition += take;
            _valueOpen = end < 0;
        }

        return n;
    }

    /// <summary>Follows nesting and strings through <paramref name="text"/>: the index just past the object's closing brace, or -1.</summary>
    private int ValueEnd(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (_escaped)
            {
                _escaped = false;
                i++;
            }
            else if (_inString)
            {
                int at = text[i..].IndexOfAny(InString);
                if (at < 0)
                {
                    return -1;
                }

                i += at + 1;
                _inString = text[i - 1] == '\\';
                _escaped = _inString;
            }
            else
            {
                int at = text[i..].IndexOfAny(Structural);
                if (at < 0)
                {
                    return -1;
                }

                i += at + 1;
                switch (text[i - 1])
                {
                    case '"':
                        _inString = true;
                        break;
                    case '{' or '[':
                        _depth++;
                        break;
                    default:
                        if (--_depth == 0)
                        {
                            return i;
                        }

                        break;
                }
            }
        }

        return -1;
    }

    private bool SkipWhitespace()
    {
        while (true)
        {
            var rest = _line.AsSpan(_linePosition, _lineLength - _linePosition);
            int content = rest.IndexOfAnyExcept(Whitespace);
            if (content >= 0)
            {
                _linePosition += content;
                return true;
            }

            if (!NextLine())
            {
                return Failure is not null;
            }
        }
    }

    /// <summary>Reads and decodes the next line (invalid UTF-8 as U+FFFD); false at the end or at a character YAML refuses.</summary>
    private bool NextLine()
    {
        _linePosition = _lineLength = 0;
        if (Failure is not null || !_lines.TryReadLine(out var bytes))
        {
            return false;
        }

        _lineLength = DecodeLine(bytes, ref _line, out int bad);
        if (bad >= 0)
        {
            Failure = (_lines.LineNumber, YamlPrintable.Message(_line[bad]));
            _lineLength = 0;
            _stopped = true;
            return false;
        }

        return true;
    }
}
