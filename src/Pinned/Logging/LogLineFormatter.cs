using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

/// <summary>
/// Formats an entry on the calling thread: into a per-thread UTF-8 buffer, then copied into an
/// array rented from the shared pool, which the writer returns once the line is written.
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
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The line (JSON and a newline) in a rented array, or null when the entry has nothing to write.</summary>
    public static LogLine? Format<TState>(DateTimeOffset timestamp, JsonEncodedText category, LogLevel level, EventId eventId,
        TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            if (!JsonLogLine.Write(writer, timestamp, category, level, eventId, state, exception, formatter))
            {
                return null;
            }

            writer.Flush();
            return LogLine.Copy(buffer.WrittenSpan);
        }
        finally
        {
            // A huge line (an exception with a deep stack) must not pin its buffer to the thread.
            if (buffer.Capacity > 64 * 1024)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
