using System.Text.Json;

namespace Pinned.Policy;

/// <summary>Reads a pod spec's volumes from the reader: name, hostPath and image reference, as WorkloadDecoder does.</summary>
internal static class VolumeStreamReader
{
    public static List<VolumeView>? ReadVolumes(ref Utf8JsonReader reader, DecodedObject owner)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var volumes = new List<VolumeView>();
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                volumes.Add(ReadVolume(ref reader, index, owner));
            }
            else
            {
                reader.Skip();
            }

            index++;
        }

        return volumes;
    }

    private static VolumeView ReadVolume(ref Utf8JsonReader reader, int index, DecodedObject owner)
    {
        string? name = null, hostPath = null, imageReference = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = JsonValues.StringOrNull(ref reader, owner);
            }
            else if (reader.ValueTextEquals("hostPath"u8))
            {
                reader.Read();
                // null: not a hostPath; an object: its path, "" without one; any other value: "".
                hostPath = reader.TokenType == JsonTokenType.Null ? null : JsonValues.StringField(ref reader, "path"u8, owner) ?? string.Empty;
            }
            else if (reader.ValueTextEquals("image"u8))
            {
                reader.Read();
                imageReference = reader.TokenType == JsonTokenType.StartObject ? JsonValues.StringField(ref reader, "reference"u8, owner) ?? string.Empty : JsonValues.Skipped(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new VolumeView(index, name, hostPath, imageReference);
    }
}
