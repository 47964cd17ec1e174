using System.Text.Json;

namespace Pinned.Policy;

/// <summary>The ways from a workload's spec to its pod spec: a pod template, and a CronJob's job template.</summary>
internal static class TemplateStreamReader
{
    private delegate PodSpecParts? PartsReader(ref Utf8JsonReader reader, DecodedObject owner);

    /// <summary>A pod template: its "spec" is the pod spec.</summary>
    public static PodSpecParts? ReadTemplate(ref Utf8JsonReader reader, DecodedObject owner) =>
        ReadField(ref reader, "spec"u8, PodSpecStreamReader.Read, owner);

    /// <summary>A CronJob's jobTemplate: the pod spec is at its spec.template.spec.</summary>
    public static PodSpecParts? ReadJobTemplate(ref Utf8JsonReader reader, DecodedObject owner) =>
        ReadField(ref reader, "spec"u8, ReadJobSpec, owner);

    /// <summary>A job template's spec: its "template" is a pod template.</summary>
    private static PodSpecParts? ReadJobSpec(ref Utf8JsonReader reader, DecodedObject owner) =>
        ReadField(ref reader, "template"u8, ReadTemplate, owner);

    /// <summary>
    /// Reads an object for its one field on the way to the pod spec and skips the rest; null when
    /// the value is not an object or lacks the field. The last of duplicate fields wins.
    /// </summary>
    private static PodSpecParts? ReadField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, PartsReader readValue, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        PodSpecParts? parts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isField = reader.ValueTextEquals(name);
            reader.Read();
            if (isField)
            {
                parts = readValue(ref reader, owner);
            }
            else
            {
                reader.Skip();
            }
        }

        return parts;
    }
}
