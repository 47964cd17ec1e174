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
    private const string DroppedTemplate = "{Count} log lines dropped: the log queue was full (stdout did not keep up)";
    private static readonly JsonEncodedText DroppedCategory = JsonEncodedText.Encode("Pinned.Logging");

    // After a batch the writer sleeps this long before looking again, so that under load lines
    // gather into one write instead of waking the writer (and making a syscall) per line.
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentQueue<LogLine> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _afterStop = new();
    private readonly BatchedOutput _output;
    private readonly long _maxQueuedBytes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stopTimeout;
    private readonly Thread _thread;
    private long _queuedBytes;
    private long _dropped;
    private long _droppedTotal;
    private int _idle;
    private volatile bool _stopping;
    private volatile bool _stopped;

    public BatchedLogWriter(Stream output, long maxQueuedBytes, TimeProvider time, TimeSpan stopTimeout)
    {
        _output = new BatchedOutput(output);
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
                _output.Flush();
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

            _output.Flush();
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
        var any = false;
        while (_queue.TryDequeue(out var line))
        {
            any = true;
            Interlocked.Add(ref _queuedBytes, -line.Length);
            _output.Append(line.Bytes);
            line.Return();
        }

        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0 && DroppedNotice(dropped) is { } notice)
        {
            any = true;
            _output.Append(notice.Bytes);
            notice.Return();
        }

        _output.WriteBatch();
        return any;
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
            _output.Append(line.Bytes);
            _output.WriteBatch();
            _output.Flush();
        }

        line.Return();
    }
}
