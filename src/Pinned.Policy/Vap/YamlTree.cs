using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Policy.Vap;

/// <summary>
/// A small ordered tree of mappings, sequences and scalars, written with YamlDotNet's emitter
/// (no reflection, so the trimmed build keeps working): the emitter quotes what needs quoting.
/// </summary>
internal static class YamlTree
{
    /// <summary>An ordered mapping.</summary>
    public sealed class Map : List<KeyValuePair<string, object>>
    {
        public Map Add(string key, object value)
        {
            Add(new KeyValuePair<string, object>(key, value));
            return this;
        }
    }

    public static void Write(TextWriter output, IReadOnlyList<string> headerComments, IReadOnlyList<object> documents)
    {
        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        bool first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            if (first)
            {
                foreach (var comment in headerComments)
                {
                    emitter.Emit(new Comment(comment, isInline: false));
                }
            }

            WriteNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
    }

    private static void WriteNode(IEmitter emitter, object node)
    {
        switch (node)
        {
            case Map map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map)
                {
                    emitter.Emit(new Scalar(key));
                    WriteNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case string text:
                emitter.Emit(new Scalar(null, null, text, ScalarStyle.Any, isPlainImplicit: !NeedsQuotes(text), isQuotedImplicit: true));
                break;
            case bool flag:
                emitter.Emit(new Scalar(flag ? "true" : "false"));
                break;
            case System.Collections.IEnumerable items:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in items)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                throw new InvalidOperationException($"no YAML form for {node.GetType().Name}");
        }
    }

    /// <summary>Strings that a YAML 1.1 reader (Helm's, kubectl's) would take for another type stay quoted.</summary>
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || text.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~"
        || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
