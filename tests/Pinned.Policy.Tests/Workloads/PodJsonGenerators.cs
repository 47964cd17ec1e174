using System.Globalization;
using System.Text;
using CsCheck;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>
/// CsCheck generators of Kubernetes-object-like JSON text, perturbed the ways a hostile or buggy
/// client could: wrong types, nulls, missing and duplicate fields, fields in any order, escaped and
/// near-miss property names, unicode and escapes in values, deep nesting, whitespace.
/// </summary>
internal static class PodJsonGenerators
{
    private static readonly Gen<string> Whitespace = Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf(" ", "\n  ", "\t", "\r\n")));

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf("nginx", "nginx:latest", "busybox:1.36", "registry.example.com/team/app@sha256:" + new string('a', 64), "", "/var/run", "app", "Pod")),
        (3, Gen.Char["abcAZ09:/@.-_ é名\u00ff\"\\\n\t"].Array[0, 12].Select(c => new string(c))),
        (1, Gen.OneOf("😀", "régistry/ïmage:tág", "\u2028", "\0", "a\ud83d\ude00b")));

    /// <summary>A JSON string literal; mode 0 writes characters as themselves, 1 escapes non-ASCII, 2 escapes every character.</summary>
    private static readonly Gen<string> StringLiteral = Gen.Select(Text, Gen.Int[0, 2], Encode);

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (3, StringLiteral),
        (1, Gen.OneOf("null", "true", "false", "0", "-1", "42", "2.5e3", "1E-7", "123456789012345678901234567890")));

    private static readonly Gen<string> Noise = NoiseOf(3);

    /// <summary>Arrays nested 1–70 deep: past 64 both decoders must refuse the document.</summary>
    private static readonly Gen<string> DeepNesting = Gen.Int[1, 70].Select(depth => new string('[', depth) + "1" + new string(']', depth));

    private static readonly Gen<string> Mount = Obj(
        ("name", Typed(StringLiteral)),
        ("readOnly", Gen.OneOf("true", "false", "\"true\"", "1", "null")),
        ("mountPath", Typed(StringLiteral)));

    private static readonly Gen<string> Container = Obj(
        ("name", Typed(StringLiteral)),
        ("image", Gen.Frequency((6, StringLiteral), (1, Gen.Const("null")), (2, Noise))),
        ("volumeMounts", ListOf(Mount)),
        ("env", Noise));

    private static readonly Gen<string> Volume = Obj(
        ("name", Typed(StringLiteral)),
        ("hostPath", Typed(Obj(("path", Typed(StringLiteral)), ("type", StringLiteral)))),
        ("image", Typed(Obj(("reference", Typed(StringLiteral)), ("pullPolicy", StringLiteral)))),
        ("configMap", Noise));

    private static readonly (string, Gen<string>)[] PodSpecFields =
    [
        ("containers", ListOf(Container)),
        ("initContainers", ListOf(Container)),
        ("ephemeralContainers", ListOf(Container)),
        ("volumes", ListOf(Volume)),
        ("restartPolicy", Noise),
    ];

    private static readonly Gen<string> PodSpec = Obj(PodSpecFields);

    private static readonly Gen<string> Template = Obj(("metadata", Noise), ("spec", Typed(PodSpec)));

    private static readonly Gen<string> JobTemplate = Obj(("spec", Typed(Obj(("template", Typed(Template)), ("parallelism", Noise)))));

    private static readonly Gen<string> WorkloadSpec = Obj([.. PodSpecFields, ("template", Typed(Template)), ("jobTemplate", Typed(JobTemplate)), ("replicas", Noise)]);

    private static readonly Gen<string> Metadata = Obj(("name", Typed(StringLiteral)), ("namespace", Typed(StringLiteral)), ("labels", Noise));

    private static readonly Gen<string> Kind = Gen.Frequency(
        (6, Gen.OneOf([.. WorkloadKinds.All.Select(k => Gen.Const($"\"{k}\""))])),
        (1, Gen.OneOf("\"ConfigMap\"", "\"pod\"", "\"P\\u006fd\"")),
        (1, Noise));

    /// <summary>A Kubernetes object, mostly well-formed; now and then not an object at all, or nested too deep.</summary>
    public static readonly Gen<string> Object = Gen.Frequency(
        (30, Obj(("kind", Kind), ("apiVersion", Typed(StringLiteral)), ("metadata", Typed(Metadata)), ("spec", Typed(WorkloadSpec)),
            ("template", Typed(Template)), ("status", Noise))),
        (1, Noise),
        (1, Gen.Select(WorkloadSpec, DeepNesting, (spec, deep) => $"{{\"kind\":\"Pod\",\"spec\":{spec},\"x\":{deep}}}")));

    /// <summary>Mostly the expected shape, sometimes any other value.</summary>
    private static Gen<string> Typed(Gen<string> expected) => Gen.Frequency((8, expected), (1, Noise));

    private static Gen<string> ListOf(Gen<string> item) => Gen.Frequency(
        (8, Gen.Frequency((8, item), (1, Scalar)).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
        (1, Noise));

    private static Gen<string> NoiseOf(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, NoiseOf(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Text, NoiseOf(depth - 1), (k, v) => $"{Encode(k, 0)}:{v}").Array[0, 3].Select(p => "{" + string.Join(",", p) + "}")));

    /// <summary>
    /// An object with each field absent, once or twice (duplicates), its name written plainly, with
    /// escapes or nearly right, and unknown fields, all in any order.
    /// </summary>
    private static Gen<string> Obj(params (string Name, Gen<string> Value)[] fields)
    {
        var properties = Gen.Const(new List<string>());
        foreach (var (name, value) in fields.Append(("unknownField", Noise)))
        {
            var property = Gen.Select(PropertyName(name), Whitespace, value, (n, w, v) => $"{w}{n}{w}:{v}");
            var occurrences = Gen.Frequency((2, Gen.Const(0)), (7, Gen.Const(1)), (1, Gen.Const(2)));
            properties = Gen.Select(properties, occurrences.SelectMany(n => property.Array[n]), Gen.Int[0, 1000].Array[2], Insert);
        }

        return Gen.Select(properties, Whitespace, (p, w) => "{" + string.Join(",", p) + w + "}");
    }

    private static List<string> Insert(List<string> into, string[] properties, int[] positions)
    {
        var result = new List<string>(into);
        for (var i = 0; i < properties.Length; i++)
        {
            result.Insert(positions[i] % (result.Count + 1), properties[i]);
        }

        return result;
    }

    private static Gen<string> PropertyName(string name) => Gen.Frequency(
        (12, Gen.Const(Encode(name, 0))),
        (1, Gen.Const(Encode(name, 2))),
        (1, Gen.OneOf(Gen.Const(Encode(char.ToUpperInvariant(name[0]) + name[1..], 0)), Gen.Const(Encode(name + " ", 0)), Gen.Const(Encode(name[..^1], 0)))));

    private static string Encode(string text, int mode)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < ' ' || mode == 2 || (mode == 1 && c > '~'))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }
}
