using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Conformance;

/// <summary>
/// What a conformance file asks Pinned to judge, whatever its wrapping (conformance/README.md
/// "Formats"): a plain object (Kyverno, Gatekeeper), a v1beta1 AdmissionReview (Gatekeeper
/// update.yaml: UPDATE, no oldObject), or a bare AdmissionRequest whose object lacks kind
/// (Kubewarden: the kind is request.kind.kind).
/// </summary>
internal sealed record CaseInput(string Operation, Workload Object, Workload? OldObject)
{
    public static CaseInput Load(string file)
    {
        var path = SharedFiles.Path(Path.Combine("conformance", file));
        var root = file.EndsWith(".json", StringComparison.Ordinal)
            ? JsonNode.Parse(File.ReadAllText(path))!
            : YamlJson.Load(File.ReadAllText(path))!;

        if (Text(root["kind"]) == "AdmissionReview")
        {
            return FromRequest(root["request"]!);
        }

        return root["object"] is not null && root["operation"] is not null
            ? FromRequest(root)
            : new CaseInput("CREATE", Decode(root, null), null);
    }

    private static CaseInput FromRequest(JsonNode request)
    {
        var kind = Text(request["kind"]?["kind"]) ?? Text(request["object"]?["kind"]);
        var old = request["oldObject"] is { } oldObject ? Decode(oldObject, kind) : null;
        return new CaseInput((string)request["operation"]!, Decode(request["object"]!, kind), old);
    }

    private static Workload Decode(JsonNode obj, string? kind) =>
        WorkloadDecoder.Decode(JsonSerializer.SerializeToElement(obj), kind ?? Text(obj["kind"]));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
