using System.Text;

namespace Pinned.Tests.Logging;

/// <summary>A write-only stream that records what the log writer writes, one entry per Write call; optionally held shut by a gate.</summary>
internal class RecordingStream(bool gateOpen = true) : Stream
{
    private readonly ManualResetEventSlim _gate = new(gateOpen);
    private readonly MemoryStream _bytes = new();
    private readonly Lock _lock = new();

    /// <summary>Set once a Write call has started (and, with the gate shut, is waiting).</summary>
    public ManualResetEventSlim WriteStarted { get; } = new(false);

    public int Writes { get; private set; }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_bytes.ToArray());
            }
        }
    }

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Open() => _gate.Set();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        WriteStarted.Set();
        _gate.Wait();
        lock (_lock)
        {
            Writes++;
            _bytes.Write(buffer);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
            WriteStarted.Dispose();
            _bytes.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>stdout whose reader went away: every write and flush fails as a closed pipe does.</summary>
internal sealed class BrokenPipeStream : RecordingStream
{
    public int Attempts { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Attempts++;
        throw new IOException("Broken pipe");
    }

    public override void Flush() => throw new IOException("Broken pipe");
}
