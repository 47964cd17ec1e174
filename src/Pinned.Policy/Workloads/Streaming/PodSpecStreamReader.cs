using System.Text.Json;

namespace Pinned.Policy;

/// <summary>
/// Reads the fields of a pod spec object that the rules need, straight from the reader, with
/// WorkloadDecoder's semantics: the last of duplicate properties wins, wrong types read as absent.
/// </summary>
internal static class PodSpecStreamReader
{
    /// <summary>A pod spec object's parts, or null (an empty spec) when the value is not an object.</summary>
    public static PodSpecParts? Read(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var parts = new PodSpecParts();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryReadField(ref reader, parts, owner))
            {
                reader.Read();
                reader.Skip();
            }
        }

        return parts;
    }

    /// <summary>When the reader is on one of a pod spec's property names, reads its value into the parts.</summary>
    public static bool TryReadField(ref Utf8JsonReader reader, PodSpecParts parts, DecodedObject owner)
    {
        if (reader.ValueTextEquals("containers"u8))
        {
            reader.Read();
            parts.Containers = ReadContainers(ref reader, ContainerGroup.Containers, owner);
        }
        else if (reader.ValueTextEquals("volumes"u8))
        {
            reader.Read();
            parts.Volumes = VolumeStreamReader.ReadVolumes(ref reader, owner);
        }
        else if (reader.ValueTextEquals("initContainers"u8))
        {
            reader.Read();
            parts.InitContainers = ReadContainers(ref reader, ContainerGroup.InitContainers, owner);
        }
        else if (reader.ValueTextEquals("ephemeralContainers"u8))
        {
            reader.Read();
            parts.EphemeralContainers = ReadContainers(ref reader, ContainerGroup.EphemeralContainers, owner);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static List<ContainerView>? ReadContainers(ref Utf8JsonReader reader, ContainerGroup group, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var containers = new List<ContainerView>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            containers.Add(ReadContainer(ref reader, group, containers.Count, owner));
        }

        return containers;
    }

    private static ContainerView ReadContainer(ref Utf8JsonReader reader, ContainerGroup group, int index, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new ContainerView(group, index, null, null, []);
        }

        string? name = null, image = null;
        IReadOnlyList<VolumeMountView> mounts = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("image"u8))
            {
                reader.Read();
                image = JsonValues.StringOrRawText(ref reader, owner);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = JsonValues.StringOrNull(ref reader, owner);
            }
            else if (reader.ValueTextEquals("volumeMounts"u8))
            {
                reader.Read();
                mounts = ReadMounts(ref reader, owner);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ContainerView(group, index, name, image, mounts);
    }

    private static IReadOnlyList<VolumeMountView> ReadMounts(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return [];
        }

        List<VolumeMountView>? mounts = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? name = null;
            bool readOnly = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = JsonValues.StringOrNull(ref reader, owner);
                }
                else if (reader.ValueTextEquals("readOnly"u8))
                {
                    reader.Read();
                    readOnly = JsonValues.IsTrue(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            (mounts ??= []).Add(new VolumeMountView(name, readOnly));
        }

        return mounts is null ? [] : mounts;
    }
}
