using System.Text.Json;
using Cel;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// A webhook matchCondition evaluated as the API server does: `request`, `object` and
/// `oldObject` bound to the AdmissionRequest and its objects as CEL maps. The evaluator is
/// a C# CEL implementation, not the API server's cel-go: it checks the expression's syntax,
/// logic and guards, not every corner of Kubernetes' CEL environment.
/// </summary>
internal sealed class MatchCondition(string expression)
{
    private readonly CelProgramDelegate _program = new CelEnvironment(null, null).Compile(expression);

    /// <summary>True when the API server would call the webhook for this AdmissionRequest.</summary>
    public bool Matches(JsonElement request) =>
        (bool)_program(new Dictionary<string, object?>
        {
            ["request"] = ToCel(request),
            ["object"] = request.TryGetProperty("object", out var obj) ? ToCel(obj) : null,
            ["oldObject"] = request.TryGetProperty("oldObject", out var old) ? ToCel(old) : null,
        })!;

    private static object? ToCel(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToCel(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToCel).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
