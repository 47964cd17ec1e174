using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

/// <summary>
/// Writes formatted log lines to a stream from one background thread, in batches: it drains
/// every queued line into one buffer and writes it with one call, and flushes when the queue is
/// empty. Posting a line never blocks: the queue holds at most <c>maxQueuedBytes</c>, lines over
/// that are dropped and counted, and a "log lines dropped" line reports them. A failing stream
/// loses lines but never throws at the caller or stops the writer.
/// </summary>
internal sealed class BatchedLogWriter : IDisposable
{
    public const long DefaultMaxQueuedBytes = 8 * 1024 * 1024;
    public const int DroppedEventId = 1400;
    private const int BatchBytes = 64 * 1024;
    private const string DroppedTemplate = "{Count} log lines dropped: the log queue was full (stdout did not keep up)";
    private static readonly JsonEncodedText DroppedCategory = JsonEncodedText.Encode("Pinned.Logging");

    // After a batch the writer sleeps this long before looking again, so that under load lines
    // gather into one write instead of waking the writer (and making a syscall) per line.
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentQueue<LogLine> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _afterStop = new();
    private readonly Stream _output;
    private readonly long _maxQueuedBytes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stopTimeout;
    private readonly Thread _thread;
    private readonly byte[] _batch = new byte[BatchBytes];
    private long _queuedBytes;
    private long _dropped;
    private long _droppedTotal;
    private int _idle;
    private int _outputFailureReported;
    private volatile bool _stopping;
    private volatile bool _stopped;

    public BatchedLogWriter(Stream output, long maxQueuedBytes, TimeProvider time, TimeSpan stopTimeout)
    {
        _output = output;
        _maxQueuedBytes = maxQueuedBytes;
        _time = time;
        _stopTimeout = stopTimeout;
        _thread = new Thread(Run) { IsBackground = true, Name = "pinned log writer" };
        _thread.Start();
    }

    /// <summary>Lines dropped because the queue was full, since the start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Queues the line (its array now belongs to the writer); drops it when the queue is full.</summary>
    public void Post(LogLine line)
    {
        if (_stopped)
        {
            WriteAfterStop(line);
            return;
        }

        var queued = Interlocked.Add(ref _queuedBytes, line.Length);
        if (queued > _maxQueuedBytes && queued > line.Length)
        {
            Interlocked.Add(ref _queuedBytes, -line.Length);
            Interlocked.Increment(ref _dropped);
            Interlocked.Increment(ref _droppedTotal);
            line.Return();
            return;
        }

        _queue.Enqueue(line);
        if (Volatile.Read(ref _idle) == 1 && Interlocked.Exchange(ref _idle, 0) == 1)
        {
            _wake.Release();
        }
    }

    /// <summary>Writes every queued line, then stops the writer; gives up after the stop timeout if the stream blocks.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        if (Interlocked.Exchange(ref _idle, 0) == 1)
        {
            _wake.Release();
        }

        if (_thread.Join(_stopTimeout))
        {
            lock (_afterStop)
            {
                _stopped = true;
                Drain(); // lines posted while the writer was stopping
                Flush();
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            if (Drain())
            {
                Thread.Sleep(GatherDelay);
                continue;
            }

            Flush();
            if (_stopping)
            {
                return;
            }

            // Announce idleness, then look once more: a line posted in between either is seen
            // here or its poster saw _idle == 1 and releases _wake.
            Interlocked.Exchange(ref _idle, 1);
            if (!_queue.IsEmpty || _stopping)
            {
                if (Interlocked.Exchange(ref _idle, 0) == 0)
                {
                    _wake.Wait(); // a poster took the idle flag: consume its release
                }

                continue;
            }

            _wake.Wait();
        }
    }

    /// <summary>Writes every queued line (and a dropped-lines notice) in as few writes as the batch buffer allows; false when there was nothing.</summary>
    private bool Drain()
    {
        var filled = 0;
        var any = false;
        while (_queue.TryDequeue(out var line))
        {
            any = true;
            Interlocked.Add(ref _queuedBytes, -line.Length);
            filled = Append(line.Bytes, filled);
            line.Return();
        }

        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0 && DroppedNotice(dropped) is { } notice)
        {
            any = true;
            filled = Append(notice.Bytes, filled);
            notice.Return();
        }

        if (filled > 0)
        {
            Write(_batch.AsSpan(0, filled));
        }

        return any;
    }

    private int Append(ReadOnlySpan<byte> line, int filled)
    {
        if (filled + line.Length > _batch.Length)
        {
            Write(_batch.AsSpan(0, filled));
            filled = 0;
        }

        if (line.Length > _batch.Length)
        {
            Write(line);
            return 0;
        }

        line.CopyTo(_batch.AsSpan(filled));
        return filled + line.Length;
    }

    private LogLine? DroppedNotice(long count)
    {
        KeyValuePair<string, object?>[] state = [new("Count", count), new("{OriginalFormat}", DroppedTemplate)];
        return LogLineFormatter.Format(_time.GetUtcNow(), DroppedCategory, LogLevel.Warning, new EventId(DroppedEventId, "LogLinesDropped"),
            state, null, (_, _) => DroppedTemplate.Replace("{Count}", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private void WriteAfterStop(LogLine line)
    {
        lock (_afterStop)
        {
            Write(line.Bytes);
            Flush();
        }

        line.Return();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _output.Write(bytes);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            ReportOutputFailure(e);
        }
    }

    private void Flush()
    {
        try
        {
            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            ReportOutputFailure(e);
        }
    }

    private void ReportOutputFailure(Exception e)
    {
        if (Interlocked.Exchange(ref _outputFailureReported, 1) == 1)
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
