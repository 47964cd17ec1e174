namespace Pinned.Manifests;

/// <summary>
/// Works around a YamlDotNet scanner bug (aaubry/YamlDotNet#523 and #535, open; still in 18.1.0):
/// a literal block scalar ("|", "|-", "|+") whose first lines hold only spaces is refused with
/// "found extra spaces in first line" even when they hold no more spaces than the content, which
/// YAML 1.2 allows and kubectl's goyaml reads. Such leading lines are l-empty lines whose spaces
/// are never content, so they are handed to the parser as bare line breaks: the value is the same.
/// Only literal scalars without an indentation indicator are touched (YamlDotNet reads folded ones
/// and explicit indentation right). A plain line that merely ends in " |" makes the next
/// space-only lines blank lines too, which they already are outside a block scalar; inside one
/// (a script line ending in a pipe) only trailing spaces of a blank line are lost.
/// </summary>
internal sealed class LiteralScalarLeadingLines
{
    private bool _afterHeader;

    public void Reset() => _afterHeader = false;

    /// <summary>The line to hand to the parser: itself, or its line break alone.</summary>
    public ReadOnlySpan<byte> Filter(ReadOnlySpan<byte> line)
    {
        int spaces = line.IndexOfAnyExcept((byte)' ');
        if (_afterHeader)
        {
            if (spaces < 0)
            {
                return line[line.Length..]; // spaces up to the end of the stream
            }

            if (line[spaces] is (byte)'\r' or (byte)'\n')
            {
                return line[spaces..];
            }
        }

        _afterHeader = EndsWithLiteralHeader(line);
        return line;
    }

    /// <summary>"key: |", "- |-", "--- |+", with an optional comment after it.</summary>
    private static bool EndsWithLiteralHeader(ReadOnlySpan<byte> line)
    {
        var text = line.TrimEnd(" \t\r\n"u8);
        int comment = text.IndexOf(" #"u8);
        if (comment >= 0)
        {
            text = text[..comment].TrimEnd(" \t"u8);
        }

        if (text.Length > 0 && text[^1] is (byte)'-' or (byte)'+')
        {
            text = text[..^1];
        }

        return text.Length > 0 && text[^1] == (byte)'|' && (text.Length == 1 || text[^2] is (byte)' ' or (byte)'\t');
    }
}
