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

    // By hand, "yyyy-MM-ddTHH:mm:ss.fffZ": DateTime's custom-format path was half a percent of the
    // process's CPU under denied load (perf), for a fixed-width string.
    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset timestamp)
    {
        var utc = timestamp.UtcDateTime;
        var (year, month, day) = utc;
        Span<byte> text = stackalloc byte[24];
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        writer.WriteString(TimestampName, text);
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (int i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
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
                // Not parsed again: a fragment is JSON that Pinned's own writer produced.
                writer.WritePropertyName(key);
                writer.WriteRawValue(fragment.Json, skipInputValidation: true);
                break;
            default: writer.WriteString(key, Convert.ToString(item.Value, CultureInfo.InvariantCulture)); break;
        }
    }
}
