namespace Pinned.Policy;

/// <summary>
/// One broken rule: where (JSON path), what (image, when the rule is about one), why, how to fix
/// it, and what the policy does about it. PreExisting marks, on UPDATE, a violation the old object
/// already had: it is reported but does not block.
/// </summary>
public sealed record Violation(
    string RuleId,
    string Path,
    string? Image,
    string Message,
    string Fix,
    RuleAction Action,
    bool PreExisting = false)
{
    private const string FixSeparator = " — ";

    /// <summary>"[rule] path: message — fix": the one-line form used in denials and warnings.</summary>
    public override string ToString() => string.Create(LineLength, this, static (line, violation) => violation.WriteLine(line));

    /// <summary>The length of the one-line form.</summary>
    public int LineLength => RuleId.Length + Path.Length + Message.Length + Fix.Length + "[] : ".Length + FixSeparator.Length;

    /// <summary>Writes the one-line form into the first <see cref="LineLength"/> chars of <paramref name="into"/>, so that many lines can be joined with one copy each.</summary>
    public void WriteLine(Span<char> into)
    {
        var at = 0;
        Append(into, ref at, "[");
        Append(into, ref at, RuleId);
        Append(into, ref at, "] ");
        Append(into, ref at, Path);
        Append(into, ref at, ": ");
        Append(into, ref at, Message);
        Append(into, ref at, FixSeparator);
        Append(into, ref at, Fix);
    }

    private static void Append(Span<char> into, ref int at, string text)
    {
        text.CopyTo(into[at..]);
        at += text.Length;
    }
}
