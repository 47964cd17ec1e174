namespace Pinned.Logging;

/// <summary>
/// A log value that is already JSON (the audit line's violations): the JSON log line embeds it as
/// JSON, not as an escaped string. Other providers see <see cref="ToString"/>, the JSON text.
/// The JSON log line embeds it without parsing it again: only text from a JSON writer belongs here.
/// </summary>
internal sealed class JsonFragment(string json)
{
    public string Json { get; } = json;

    public override string ToString() => Json;
}
