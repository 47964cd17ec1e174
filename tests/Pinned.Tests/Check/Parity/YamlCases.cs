using static Pinned.Tests.Check.Parity.ParityText;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// YAML that kubectl reads and YamlDotNet alone would not (or would read at the wrong index):
/// space-only first lines of block scalars, deep nesting, directives between documents. kubectl's
/// counts were observed with kubectl v1.28 and v1.33 (`label --local -o name`).
/// </summary>
internal static class YamlCases
{
    public static IEnumerable<ParityCase> All()
    {
        var pod = DeniedPod("p");
        yield return new("literal block scalar, first line with fewer spaces than the content", Bytes(pod, "data:\n  s: |\n  \n    echo\n"), 1, 1, 1, 0, 1);
        yield return new("literal block scalar, first line with as many spaces as the content", Bytes(pod, "data:\n  s: |\n    \n    echo\n"), 1, 1, 1, 0, 1);
        yield return new("literal block scalar |- and |+ with space-only first lines", Bytes(pod, "data:\n  a: |-\n    \n    x\n  b: |+ # keep\n   \n    y\n"), 1, 1, 1, 0, 1);
        yield return new("literal block scalar of only space lines", Bytes(pod, "data:\n  s: |\n    \n"), 1, 1, 1, 0, 1);
        yield return new("folded block scalar, first line of spaces", Bytes(pod, "data:\n  s: >\n    \n    echo\n"), 1, 1, 1, 0, 1);
        yield return new("literal block scalar, first line with more spaces than the content (invalid YAML)", Bytes(pod, "data:\n  s: |\n      \n    echo\n"), null, 1, 1, 0, 1)
        {
            Departure = "YAML 1.2 and goyaml refuse it; Pinned reads the space-only line as empty and judges the pod",
        };
        yield return new("65 levels of flow nesting", Bytes(pod, "x: ", new string('[', 65), new string(']', 65), "\n"), 1, 1, 1, 0, 1);
        yield return new("1 000 levels of flow nesting", Bytes(pod, "x: ", new string('[', 1000), new string(']', 1000), "\n"), 1, 1, 1, 0, 1);
        yield return new("1 000 levels of block nesting", Bytes(pod, "x:\n", BlockNesting(999)), 1, 1, 1, 0, 1);
        yield return new("1 000 levels of JSON nesting", Bytes("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]},"x":""", new string('[', 1000), new string(']', 1000), "}"), 1, 1, 1, 0, 1);
        yield return new("10 000 levels of block nesting (kubectl's bound)", Bytes(pod, "x:\n", BlockNesting(9_999)), 1, 1, 1, 0, 1);
        yield return new("10 001 levels of block nesting", Bytes(pod, "x:\n", BlockNesting(10_000)), null, 0, 0, 1, 2);
        yield return new("10 000 levels of flow nesting inside a mapping (10 001 with it)", Bytes(pod, "x: ", new string('[', 10_000), new string(']', 10_000), "\n"), null, 0, 0, 1, 2);
        yield return new("%YAML directive after a document with no '...' before it", Bytes(pod, "%YAML 1.2\n---\n", DeniedPod("q"), "---\n", DeniedPod("r")), 3, 3, 3, 0, 1);
        yield return new("%YAML directive after '...'", Bytes(pod, "...\n%YAML 1.2\n---\n", DeniedPod("q"), "---\n", DeniedPod("r")), 3, 3, 3, 0, 1);
        yield return new("%YAML 1.1 directive after an empty document", Bytes(pod, "---\n%YAML 1.1\n---\n", DeniedPod("q")), null, 2, 2, 0, 1)
        {
            Departure = "goyaml refuses a directive inside the piece that '---' opened; Pinned reads it as the empty document 1 and the pod as document 2",
        };
        yield return new("%YAML 1.2 directive opening the stream", Bytes("%YAML 1.2\n---\n", pod), null, 1, 1, 0, 1)
        {
            Departure = "goyaml refuses %YAML 1.2 ('found incompatible YAML document'); Pinned reads YAML 1.2",
        };
    }

    /// <summary>kubectl decodes any object with an "items" array as a list and applies its items, not the object.</summary>
    public static IEnumerable<ParityCase> Lists()
    {
        string item = "- {apiVersion: v1, kind: Pod, metadata: {name: i}, spec: {containers: [{name: c, image: nginx}]}}\n";
        yield return new("a List of two pods", Bytes("apiVersion: v1\nkind: List\nitems:\n", item, item), 2, 2, 2, 0, 1);
        yield return new("a kind not named *List with an items array of pods", Bytes("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nitems:\n", item), 1, 1, 1, 0, 1);
        yield return new("a kind not named *List with an items array of strings", Bytes("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nitems: [a, b]\n"), null, 0, 0, 2, 2);
        yield return new("an empty items array", Bytes("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nitems: []\n"), 0, 0, 0, 0, 0);
        yield return new("items with no apiVersion and no kind around them", Bytes("items:\n", item), null, 1, 1, 0, 1)
        {
            Departure = "kubectl refuses the list ('Object 'Kind' is missing'); Pinned judges its items",
        };
    }

    private static string BlockNesting(int levels) =>
        string.Concat(Enumerable.Range(1, levels).Select(i => new string(' ', i) + "k:\n"));
}
