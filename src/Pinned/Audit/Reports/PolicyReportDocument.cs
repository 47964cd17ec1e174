using System.Text.Json.Nodes;
using Pinned.Policy;

namespace Pinned.Audit.Reports;

/// <summary>The wgpolicyk8s.io/v1alpha2 PolicyReport of one namespace, as the JSON body of a create or a replace.</summary>
internal static class PolicyReportDocument
{
    /// <param name="resourceVersion">The version a replace expects to overwrite; null for a create.</param>
    public static JsonObject Create(NamespaceReport report, string? resourceVersion)
    {
        var metadata = new JsonObject
        {
            ["name"] = PolicyReports.Name,
            ["namespace"] = report.Namespace,
            ["labels"] = new JsonObject { [PolicyReports.ManagedByLabel] = PolicyReports.ManagedBy },
        };
        if (report.Truncated)
        {
            metadata["annotations"] = new JsonObject { [PolicyReports.TruncatedAnnotation] = "true" };
        }

        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{PolicyReports.Group}/{PolicyReports.Version}",
            ["kind"] = PolicyReports.Kind,
            ["metadata"] = metadata,
            ["results"] = new JsonArray([.. report.Results.Select(Result)]),
            ["summary"] = new JsonObject { ["pass"] = 0, ["fail"] = report.Fail, ["warn"] = report.Warn, ["error"] = 0, ["skip"] = 0 },
        };
    }

    private static JsonObject Result(PolicyReportResult result) => new()
    {
        ["source"] = PolicyReports.Policy,
        ["policy"] = PolicyReports.Policy,
        ["rule"] = result.Rule,
        ["result"] = result.Result,
        ["severity"] = result.Severity,
        ["category"] = result.Category,
        ["message"] = result.Message,
        ["scored"] = true,
        ["resources"] = new JsonArray(Resource(result.Resource)),
        ["properties"] = new JsonObject([.. result.Properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
    };

    private static JsonObject Resource(ObjectRef resource)
    {
        var reference = new JsonObject { ["kind"] = resource.Kind, ["namespace"] = resource.Namespace, ["name"] = resource.Name };
        if (WorkloadKinds.Resource(resource.Kind) is { } served)
        {
            reference["apiVersion"] = served.Group.Length == 0 ? served.Version : $"{served.Group}/{served.Version}";
        }

        return reference;
    }
}
