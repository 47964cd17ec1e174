using System.Text.Json;

namespace Pinned.Policy;

/// <summary>
/// Decodes a Kubernetes object in one forward pass of a <see cref="Utf8JsonReader"/>, with no
/// DOM: what <see cref="WorkloadDecoder"/> reads from a JsonElement, read as the tokens go by and
/// everything else skipped. The kind may only be known after the object (request.kind can follow
/// it), so the pod spec is read at every place a kind can keep one (WorkloadKinds) and
/// <see cref="DecodedObject.ToWorkload"/> chooses at the end; real objects hold only one.
/// </summary>
public static class StreamingWorkloadReader
{
    /// <summary>Reads the value the reader is on; leaves the reader on the value's last token.</summary>
    public static DecodedObject Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = JsonValues.KindOf(reader.TokenType);
            reader.Skip();
            return DecodedObject.NotAnObject(kind);
        }

        var result = new DecodedObject(JsonValueKind.Object);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("spec"u8))
            {
                reader.Read();
                ReadSpec(ref reader, result);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                ReadMetadata(ref reader, result);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                result.Kind = JsonValues.StringOrNull(ref reader, result);
            }
            else if (reader.ValueTextEquals("apiVersion"u8))
            {
                reader.Read();
                result.ApiVersion = JsonValues.StringOrNull(ref reader, result);
            }
            else if (reader.ValueTextEquals("template"u8))
            {
                reader.Read();
                result.AtTemplateSpec = TemplateStreamReader.ReadTemplate(ref reader, result);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return result;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, DecodedObject result)
    {
        result.Name = result.Namespace = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                result.Name = JsonValues.StringOrNull(ref reader, result);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                result.Namespace = JsonValues.StringOrNull(ref reader, result);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>"spec": a Pod's pod spec, and the way to a workload's template or a CronJob's job template.</summary>
    private static void ReadSpec(ref Utf8JsonReader reader, DecodedObject result)
    {
        result.AtSpec = result.AtSpecTemplateSpec = result.AtJobTemplate = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var parts = new PodSpecParts();
        result.AtSpec = parts;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (PodSpecStreamReader.TryReadField(ref reader, parts, result))
            {
                continue;
            }

            if (reader.ValueTextEquals("template"u8))
            {
                reader.Read();
                result.AtSpecTemplateSpec = TemplateStreamReader.ReadTemplate(ref reader, result);
            }
            else if (reader.ValueTextEquals("jobTemplate"u8))
            {
                reader.Read();
                result.AtJobTemplate = TemplateStreamReader.ReadJobTemplate(ref reader, result);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
