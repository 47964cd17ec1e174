using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// Any byte string is either judged or reported: `pinned check` never says "0 objects" with exit 0
/// unless the input truly holds no document, and never passes a denied workload it was given.
/// </summary>
public sealed partial class ReadEverythingPropertyTests
{
    [Fact]
    public void Any_byte_string_is_judged_or_reported_never_silently_dropped() =>
        ByteStringGenerators.AnyBytes.Sample(JudgedOrReported, iter: 2_000);

    [Fact]
    public void Streams_of_manifest_fragments_are_judged_or_reported_never_silently_dropped() =>
        ByteStringGenerators.Streams.Sample(JudgedOrReported, iter: 2_000);

    [Fact]
    public void Json_streams_are_judged_or_reported_never_silently_dropped() =>
        ByteStringGenerators.JsonStreams.Sample(JudgedOrReported, iter: 2_000);

    private static void JudgedOrReported(ByteStringGenerators.Input input)
    {
        var run = CheckRun.InProcess(["-"], input.Bytes);

        var summary = SummaryLine().Match(run.Output);
        Assert.True(summary.Success, $"no summary line: {run.Output}");
        int objects = int.Parse(summary.Groups["objects"].Value, System.Globalization.CultureInfo.InvariantCulture);
        bool reported = objects > 0 || summary.Groups["errors"].Success || summary.Groups["skipped"].Success;
        Assert.True(reported || HoldsNoDocument(input.Bytes), $"nothing judged and nothing reported, yet the input holds a document:\n{run.Output}{run.Error}");
        Assert.True(run.ExitCode == 2 || !summary.Groups["errors"].Success, "an input error must exit 2");
        if (input.HasIntactDeniedWorkload)
        {
            Assert.NotEqual(0, run.ExitCode);
        }
    }

    /// <summary>
    /// An oracle apart from Pinned's reader: decode as kubectl does, then load the whole text with
    /// YamlDotNet's representation model (no chunks, no conversion), directive lines left out. No
    /// document means: only printable characters, and every document it finds is an untagged plain null.
    /// </summary>
    private static bool HoldsNoDocument(byte[] bytes)
    {
        var text = (bytes.Length >= 2 ? (bytes[0], bytes[1]) : default) switch
        {
            (0xFF, 0xFE) => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
            (0xFE, 0xFF) => Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2),
            _ => Encoding.UTF8.GetString(bytes),
        };
        text = text.TrimStart('\uFEFF').Replace("\n\uFEFF", "\n", StringComparison.Ordinal);

        // Directives hold no document (where they stand is the reader's business, tested apart).
        text = string.Join('\n', text.Split('\n').Where(line => !line.StartsWith('%')));
        if (text.Any(c => c is (< ' ' and not ('\t' or '\n' or '\r')) or (>= '\u007F' and <= '\u009F' and not '\u0085') or '\uFFFE' or '\uFFFF'))
        {
            return false;
        }

        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.All(d => d.RootNode is YamlScalarNode { Style: ScalarStyle.Plain, Tag.IsEmpty: true, Value: "" or "~" or "null" or "Null" or "NULL" });
        }
        catch (YamlException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"pinned check: (?<objects>\d+) objects? in \d+ inputs?: \d+ denied, \d+ violations?(?<errors>, \d+ input errors?)?(?<skipped>, \d+ skipped)?")]
    private static partial Regex SummaryLine();
}
