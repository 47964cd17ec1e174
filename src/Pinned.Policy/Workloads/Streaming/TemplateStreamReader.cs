using System.Text.Json;

namespace Pinned.Policy;

/// <summary>The ways from a workload's spec to its pod spec: a pod template, and a CronJob's job template.</summary>
internal static class TemplateStreamReader
{
    /// <summary>A pod template: its "spec" is the pod spec.</summary>
    public static PodSpecParts? ReadTemplate(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        PodSpecParts? parts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSpec = reader.ValueTextEquals("spec"u8);
            reader.Read();
            if (isSpec)
            {
                parts = PodSpecStreamReader.Read(ref reader, owner);
            }
            else
            {
                reader.Skip();
            }
        }

        return parts;
    }

    /// <summary>A CronJob's jobTemplate: the pod spec is at its spec.template.spec.</summary>
    public static PodSpecParts? ReadJobTemplate(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        PodSpecParts? parts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSpec = reader.ValueTextEquals("spec"u8);
            reader.Read();
            if (isSpec)
            {
                parts = ReadJobSpec(ref reader, owner);
            }
            else
            {
                reader.Skip();
            }
        }

        return parts;
    }

    /// <summary>A job template's spec: its "template" is a pod template.</summary>
    private static PodSpecParts? ReadJobSpec(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        PodSpecParts? parts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTemplate = reader.ValueTextEquals("template"u8);
            reader.Read();
            if (isTemplate)
            {
                parts = ReadTemplate(ref reader, owner);
            }
            else
            {
                reader.Skip();
            }
        }

        return parts;
    }
}
