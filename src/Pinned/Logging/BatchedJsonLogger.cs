using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

/// <summary>One category's logger: formats each entry on the calling thread and posts the line to the shared writer.</summary>
internal sealed class BatchedJsonLogger(string category, BatchedLogWriter writer, TimeProvider time) : ILogger
{
    private readonly JsonEncodedText _category = JsonEncodedText.Encode(category, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    // Levels are filtered by the logging configuration (Logging:LogLevel) before Log is called.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        LogLine? line;
        try
        {
            line = LogLineFormatter.Format(time.GetUtcNow(), _category, logLevel, eventId, state, exception, formatter);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // A value whose ToString or template fails loses its line, never the caller's request.
            return;
        }

        if (line is { } formatted)
        {
            writer.Post(formatted);
        }
    }
}
