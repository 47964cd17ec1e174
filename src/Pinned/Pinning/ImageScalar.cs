using YamlDotNet.Core;

namespace Pinned.Pinning;

/// <summary>
/// One image reference in a manifest's text: where its scalar sits (character offsets of the
/// whole token, quotes included), its value, and its field path for messages
/// ("items[2].spec.template.spec.initContainers[0].image", with a document index when the file
/// has several).
/// </summary>
internal sealed record ImageScalar(string Value, int Start, int End, ScalarStyle Style, int Line, int Column, string Path)
{
    /// <summary>Where to insert "@sha256:…" so that it lands at the end of the value: before
    /// the closing quote of a quoted scalar, right after a plain one.</summary>
    public int InsertionPoint => Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? End - 1 : End;

    /// <summary>Literal and folded block scalars end in line breaks; splicing into them is not
    /// worth the risk for a one-line value.</summary>
    public bool CanSplice => Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
}
