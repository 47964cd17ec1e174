using System.Text.Json;

namespace Pinned.Admission;

/// <summary>
/// A string field of the envelope, null when it is not a string. A string that cannot be
/// transcoded (invalid UTF-8) throws when its value is used, as JsonElement.GetString did, not
/// while the rest of the body may still hold a syntax error.
/// </summary>
internal readonly struct TextField
{
    private readonly string? _value;
    private readonly InvalidOperationException? _failure;

    private TextField(string? value, InvalidOperationException? failure) => (_value, _failure) = (value, failure);

    public string? Value => _failure is null ? _value : throw new InvalidOperationException(_failure.Message, _failure);

    public InvalidOperationException? Failure => _failure;

    /// <summary>Reads the value the reader is on, leaving the reader on its last token.</summary>
    public static TextField Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        try
        {
            return new TextField(reader.GetString(), null);
        }
        catch (InvalidOperationException e)
        {
            return new TextField(null, e);
        }
    }
}
