namespace Pinned.Logging;

/// <summary>
/// A log value that is already JSON (the audit line's violations): the JSON log line embeds it as
/// JSON, not as an escaped string, and without parsing it again, so only a JSON writer's output
/// belongs here. Other providers see <see cref="ToString"/>, the JSON text.
/// </summary>
internal sealed class JsonFragment(string json)
{
    public string Json { get; } = json;

    public override string ToString() => Json;
}
