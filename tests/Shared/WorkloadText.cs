using System.Text;
using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Testing;

/// <summary>Every field of a decoded Workload as text, so that comparing two decodings shows the first difference.</summary>
internal static class WorkloadText
{
    public static string Describe(Workload workload)
    {
        var text = new StringBuilder();
        text.Append($"kind={Show(workload.Kind)} apiVersion={Show(workload.ApiVersion)} name={Show(workload.Name)} namespace={Show(workload.Namespace)}\n");
        if (workload.PodSpec is not { } spec)
        {
            return text.Append("no pod spec").ToString();
        }

        text.Append($"spec at {spec.SpecPath}\n");
        foreach (var c in spec.Containers)
        {
            text.Append($"  {c.Group}[{c.Index}] name={Show(c.Name)} image={Show(c.Image)} mounts=[{string.Join(", ", c.Mounts.Select(m => $"{Show(m.Name)}{(m.ReadOnly ? " ro" : "")}"))}]\n");
        }

        foreach (var v in spec.Volumes)
        {
            text.Append($"  volumes[{v.Index}] name={Show(v.Name)} hostPath={Show(v.HostPath)} image={Show(v.ImageReference)}\n");
        }

        return text.ToString();
    }

    private static string Show(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);
}
