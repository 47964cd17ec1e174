using System.Text;
using static Pinned.Tests.Check.Parity.ParityText;

namespace Pinned.Tests.Check.Parity;

/// <summary>
/// JSON streams: kubectl's YAMLOrJSONDecoder reads an input whose first character is '{' as JSON
/// objects one after another and stops, with an error, at anything else. kubectl's counts were
/// observed with kubectl v1.32 (`label --local -o name`).
/// </summary>
internal static class JsonCases
{
    public static IEnumerable<ParityCase> All()
    {
        string denied = JsonPod("a", "nginx:latest"), pinned = JsonPod("b", $"nginx@{Manifests.Digest}");
        yield return new("JSON objects back to back", Bytes(denied, pinned), 2, 2, 1, 0, 1);
        yield return new("JSON objects one per line", Bytes(denied, "\n", pinned, "\n"), 2, 2, 1, 0, 1);
        yield return new("JSON objects with blank lines, spaces and tabs between", Bytes(" \n\t", denied, "  \r\n\n \t", JsonPod("c", "nginx:1"), "\n\n"), 2, 2, 2, 0, 1);
        yield return new("JSON objects whose strings hold braces, brackets and escaped quotes", Bytes(JsonPod("q", "nginx:latest", """{"a":"}{[\"]\\"}"""), pinned), 2, 2, 1, 0, 1);
        yield return new("an indented JSON object (kubectl get -o json)", Bytes("{\n    \"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n    \"metadata\": {\"name\": \"t\"},\n    \"spec\": {\"containers\": [\n        {\"name\": \"c\", \"image\": \"nginx\"}\n    ]}\n}\n"), 1, 1, 1, 0, 1);
        yield return new("a JSON List, then an object", Bytes("""{"apiVersion":"v1","kind":"List","items":[""", denied, ",", pinned, "]}\n", JsonPod("c", "nginx:1")), 3, 3, 2, 0, 1);
        yield return new("a JSON stream in UTF-16 LE with a byte-order mark", Encoded(Encoding.Unicode, denied + "\n" + pinned, true), 2, 2, 1, 0, 1);
        yield return new("a JSON stream with a UTF-8 byte-order mark", Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, denied, pinned), 2, 2, 1, 0, 1);
        yield return new("a JSON object, then a YAML document after '---'", Bytes(denied, "\n---\n", DeniedPod("y")), null, 1, 1, 1, 2);
        yield return new("a JSON object, then text that is not JSON", Bytes(denied, " xyz ", pinned), null, 1, 1, 1, 2);
        yield return new("a JSON object, then an array", Bytes(denied, "\n[1]\n"), null, 1, 1, 1, 2);
        yield return new("a JSON object, then one never closed", Bytes(denied, """{"apiVersion":"v1","kind":"Pod","""), null, 1, 1, 1, 2);
        yield return new("a JSON object whose string holds a NUL", Splice(JsonPod("n", "nginx@"), "@", [0]), null, 0, 0, 1, 2);
        yield return new("a comment, then JSON objects back to back", Bytes("# generated\n", denied, pinned), 1, 0, 0, 1, 2)
        {
            Refusal = "after a comment the input is YAML, and goyaml reads the first object of the piece and silently drops the one after it; Pinned refuses the piece rather than pass what it did not read",
        };
    }

    private static string JsonPod(string name, string image, string labels = "{}") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels
        + "},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"" + image + "\"}]}}";
}
