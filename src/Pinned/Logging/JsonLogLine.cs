using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

/// <summary>
/// Writes one log entry as the JSON object Microsoft's JsonConsoleFormatter writes (the shape
/// operators and tests rely on): Timestamp (UTC, milliseconds), EventId, LogLevel, Category,
/// Message, Exception when there is one, and State with the template values and "{OriginalFormat}".
/// </summary>
internal static class JsonLogLine
{
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("Timestamp");
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("EventId");
    private static readonly JsonEncodedText LogLevelName = JsonEncodedText.Encode("LogLevel");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("Category");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("Message");
    private static readonly JsonEncodedText ExceptionName = JsonEncodedText.Encode("Exception");
    private static readonly JsonEncodedText StateName = JsonEncodedText.Encode("State");

    /// <summary>False (and nothing written) when the entry has neither a message nor an exception, as Microsoft's formatter skips it.</summary>
    public static bool Write<TState>(Utf8JsonWriter writer, DateTimeOffset timestamp, JsonEncodedText category, LogLevel level, EventId eventId,
        TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        if (message is null && exception is null)
        {
            return false;
        }

        writer.WriteStartObject();
        WriteTimestamp(writer, timestamp);
        writer.WriteNumber(EventIdName, eventId.Id);
        writer.WriteString(LogLevelName, LevelName(level));
        writer.WriteString(CategoryName, category);
        writer.WriteString(MessageName, message);
        if (exception is not null)
        {
            writer.WriteString(ExceptionName, exception.ToString());
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            writer.WriteStartObject(StateName);
            for (int i = 0; i < list.Count; i++)
            {
                WriteItem(writer, list[i]);
            }

            writer.WriteEndObject();
        }
        else if (state is IReadOnlyCollection<KeyValuePair<string, object?>> collection)
        {
            writer.WriteStartObject(StateName);
            foreach (var item in collection)
            {
                WriteItem(writer, item);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        return true;
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset timestamp)
    {
        Span<byte> text = stackalloc byte[32];
        timestamp.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(TimestampName, text[..length]);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => level.ToString(),
    };

    // Numbers and booleans stay JSON numbers and booleans, null stays null, everything else is
    // its invariant-culture text, as in Microsoft's formatter; a JsonFragment is embedded as JSON.
    private static void WriteItem(Utf8JsonWriter writer, KeyValuePair<string, object?> item)
    {
        var key = item.Key;
        switch (item.Value)
        {
            case null: writer.WriteNull(key); break;
            case string text: writer.WriteString(key, text); break;
            case bool flag: writer.WriteBoolean(key, flag); break;
            case int number: writer.WriteNumber(key, number); break;
            case long number: writer.WriteNumber(key, number); break;
            case uint number: writer.WriteNumber(key, number); break;
            case ulong number: writer.WriteNumber(key, number); break;
            case short number: writer.WriteNumber(key, number); break;
            case ushort number: writer.WriteNumber(key, number); break;
            case byte number: writer.WriteNumber(key, number); break;
            case sbyte number: writer.WriteNumber(key, number); break;
            case decimal number: writer.WriteNumber(key, number); break;
            case double number when double.IsFinite(number): writer.WriteNumber(key, number); break;
            case float number when float.IsFinite(number): writer.WriteNumber(key, number); break;
            case char character: writer.WriteString(key, MemoryMarshal.CreateReadOnlySpan(ref character, 1)); break;
            case JsonFragment fragment:
                writer.WritePropertyName(key);
                writer.WriteRawValue(fragment.Json);
                break;
            default: writer.WriteString(key, Convert.ToString(item.Value, CultureInfo.InvariantCulture)); break;
        }
    }
}
