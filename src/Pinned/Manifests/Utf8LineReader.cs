using System.Buffers;

namespace Pinned.Manifests;

/// <summary>
/// Reads a byte stream one line at a time (terminator included) through one pooled buffer, so a
/// stream of any length is read in memory bounded by its longest line. A UTF-8 byte order mark at
/// the start is dropped. <see cref="Unread"/> hands the last line out again, which lets the
/// document splitter leave a "---" line to the document it starts.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private int _lastStart = -1;
    private bool _eof;
    private bool _unread;
    private bool _atStart = true;

    public Utf8LineReader(Stream stream) => _stream = stream;

    /// <summary>The 1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (_unread)
        {
            _unread = false;
            _start = _lastStart;
        }

        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0 || (_eof && pending.Length > 0))
            {
                int length = newline >= 0 ? newline + 1 : pending.Length;
                line = pending[..length];
                _lastStart = _start;
                _start += length;
                _atStart = false;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>Makes the next <see cref="TryReadLine"/> return the line it returned last.</summary>
    public void Unread()
    {
        if (_lastStart < 0 || _unread)
        {
            throw new InvalidOperationException("nothing to unread");
        }

        _unread = true;
        LineNumber--;
    }

    private void Fill()
    {
        // Keep the last line readable for Unread: compact from its start, not from the read position.
        int keep = _lastStart >= 0 && _lastStart < _start ? _lastStart : _start;
        int pending = _end - keep;
        if (pending == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(keep, pending).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (keep > 0)
        {
            _buffer.AsSpan(keep, pending).CopyTo(_buffer);
        }

        if (_lastStart >= 0)
        {
            _lastStart -= keep;
        }

        _start -= keep;
        _end = pending;
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputReadException(LineNumber, e);
        }

        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        if (_atStart && _end - _start >= 3)
        {
            _atStart = false;
            if (_buffer.AsSpan(_start, 3).SequenceEqual("\uFEFF"u8))
            {
                _start += 3;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
