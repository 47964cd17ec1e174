using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pinned.Json;

namespace Pinned.Logging;

/// <summary>
/// Formats an entry on the calling thread: into a per-thread UTF-8 buffer, then copied into an
/// array rented from the shared pool, which the writer returns once the line is written. A huge
/// line (an exception with a deep stack) does not pin its buffer to the thread.
/// </summary>
internal static class LogLineFormatter
{
    // Relaxed escaping: a log line is JSON read by log tooling, never HTML; the default encoder
    // writes every quote, '<' or '+' in a value as \u00XX and takes its slow path to do so.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static ReusableJsonWriter? t_writer;

    /// <summary>The line (JSON and a newline) in a rented array, or null when the entry has nothing to write.</summary>
    public static LogLine? Format<TState>(DateTimeOffset timestamp, JsonEncodedText category, LogLevel level, EventId eventId,
        TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var reusable = ReusableJsonWriter.Start(ref t_writer, Options);
        return JsonLogLine.Write(reusable.Json, timestamp, category, level, eventId, state, exception, formatter)
            ? LogLine.Copy(reusable.Finish())
            : null;
    }
}
