using System.Text.Json;

namespace Pinned.Policy;

/// <summary>Scalar reads shared by the streaming readers, each leaving the reader on the value's last token.</summary>
internal static class JsonValues
{
    // A string JsonElement.GetString would have thrown on (invalid UTF-8). The throw is deferred to
    // the moment the value is used, so that an unused or overwritten field fails nothing, as with a DOM.
    private static readonly string Untranscodable = new('\uFFFD', 1);

    public static bool IsUntranscodable(string? value) => ReferenceEquals(value, Untranscodable);

    /// <summary>The value when it is a string, else null (a non-string value is skipped).</summary>
    public static string? StringOrNull(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Transcode(ref reader, owner, raw: false);
        }

        reader.Skip();
        return null;
    }

    /// <summary>A string as text, null as null, anything else as its raw JSON text (JsonElement.GetRawText).</summary>
    public static string? StringOrRawText(ref Utf8JsonReader reader, DecodedObject owner) => reader.TokenType switch
    {
        JsonTokenType.String => Transcode(ref reader, owner, raw: false),
        JsonTokenType.Null => null,
        _ => Transcode(ref reader, owner, raw: true),
    };

    /// <summary>Skips the value; true when it was the literal true.</summary>
    public static bool IsTrue(ref Utf8JsonReader reader)
    {
        var isTrue = reader.TokenType == JsonTokenType.True;
        reader.Skip();
        return isTrue;
    }

    /// <summary>The string value of the object's (last) field of that name; null when absent, not a string, or the value is no object.</summary>
    public static string? StringField(ref Utf8JsonReader reader, ReadOnlySpan<byte> field, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(field))
            {
                reader.Read();
                value = JsonValues.StringOrNull(ref reader, owner);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value;
    }

    public static string? Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    public static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    private static string? Transcode(ref Utf8JsonReader reader, DecodedObject owner, bool raw)
    {
        // A raw value is rare (an image that is a number or an object): a DOM of that value alone gives
        // exactly JsonElement.GetRawText's text.
        var value = raw ? JsonElement.ParseValue(ref reader) : default;
        try
        {
            return raw ? value.GetRawText() : reader.GetString();
        }
        catch (InvalidOperationException e)
        {
            owner.TranscodeFailure ??= e;
            return Untranscodable;
        }
    }
}
