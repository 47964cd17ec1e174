namespace Pinned.Logging;

/// <summary>
/// The log writer's side of the stream: lines are appended to one 64 KB buffer, which goes out in
/// one write when full or when the writer has drained its queue. A failing stream loses those bytes
/// and is reported once on stderr; it never throws at the writer.
/// </summary>
internal sealed class BatchedOutput(Stream stream)
{
    private const int BatchBytes = 64 * 1024;
    private readonly byte[] _batch = new byte[BatchBytes];
    private int _filled;
    private int _failureReported;

    public void Append(ReadOnlySpan<byte> line)
    {
        if (_filled + line.Length > _batch.Length)
        {
            WriteBatch();
        }

        if (line.Length > _batch.Length)
        {
            Write(line);
            return;
        }

        line.CopyTo(_batch.AsSpan(_filled));
        _filled += line.Length;
    }

    /// <summary>Writes what was appended, in one call.</summary>
    public void WriteBatch()
    {
        if (_filled > 0)
        {
            Write(_batch.AsSpan(0, _filled));
            _filled = 0;
        }
    }

    public void Flush()
    {
        try
        {
            stream.Flush();
        }
        catch (Exception e) when (IsOutputFailure(e))
        {
            ReportFailure(e);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            stream.Write(bytes);
        }
        catch (Exception e) when (IsOutputFailure(e))
        {
            ReportFailure(e);
        }
    }

    private static bool IsOutputFailure(Exception e) =>
        e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException;

    private void ReportFailure(Exception e)
    {
        if (Interlocked.Exchange(ref _failureReported, 1) == 1)
        {
            return;
        }

        try
        {
            Console.Error.WriteLine($"pinned: cannot write log lines to stdout, they are lost until it accepts them again: {e.Message}");
        }
        catch (IOException)
        {
            // stderr is gone as well: nothing left to tell.
        }
    }
}
