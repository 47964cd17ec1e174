using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

/// <summary>
/// JSON lines on a stream (stdout for pinned serve), in the shape of Microsoft's JSON console
/// formatter, written in batches by one background thread. The "Console" alias keeps
/// Logging:Console:LogLevel settings working as they did with Microsoft's console logger.
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchedJsonLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, BatchedJsonLogger> _loggers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public BatchedJsonLoggerProvider(Stream output, long maxQueuedBytes, TimeProvider time, TimeSpan stopTimeout)
    {
        _time = time;
        Writer = new BatchedLogWriter(output, maxQueuedBytes, time, stopTimeout);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public BatchedLogWriter Writer { get; }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new BatchedJsonLogger(name, Writer, _time));

    /// <summary>Writes every queued line before returning (the host disposes providers last on shutdown).</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Writer.Dispose();
    }

    // A last resort when the process ends without disposing the host: queued lines still reach stdout.
    private void OnProcessExit(object? sender, EventArgs e) => Writer.Dispose();
}
