using System.Text.Json;

namespace Pinned.Audit;

/// <summary>What the owner walk reads from an object's metadata: its uid and its controller.</summary>
internal readonly record struct ObjectMetadata(string? Uid, ControllerRef? Controller)
{
    public static ObjectMetadata Read(JsonElement item)
    {
        if (!item.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        return new ObjectMetadata(String(metadata, "uid"u8), ControllerOf(metadata));
    }

    /// <summary>The owner reference with <c>controller: true</c>: there is at most one (the API server enforces it).</summary>
    private static ControllerRef? ControllerOf(JsonElement metadata)
    {
        if (!metadata.TryGetProperty("ownerReferences"u8, out var owners) || owners.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var owner in owners.EnumerateArray())
        {
            if (owner.ValueKind == JsonValueKind.Object
                && owner.TryGetProperty("controller"u8, out var controller) && controller.ValueKind == JsonValueKind.True
                && String(owner, "kind"u8) is { } kind && String(owner, "name"u8) is { } name)
            {
                return new ControllerRef(kind, name, String(owner, "uid"u8));
            }
        }

        return null;
    }

    private static string? String(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
