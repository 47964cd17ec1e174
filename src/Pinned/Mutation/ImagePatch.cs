namespace Pinned.Mutation;

/// <summary>The mutating webhook's answer for one object: JSONPatch operations that pin images,
/// and a warning for each image that could not be pinned (left for validation to judge).</summary>
internal sealed record ImagePatch(IReadOnlyList<ImagePatchOperation> Operations, IReadOnlyList<string> Warnings)
{
    public static ImagePatch Empty { get; } = new([], []);
}

/// <summary>One RFC 6902 "replace" of an image string at a JSON pointer.</summary>
internal sealed record ImagePatchOperation(string Op, string Path, string Value);
