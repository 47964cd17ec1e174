namespace Pinned.Policy;

/// <summary>
/// A volume of a pod spec. <see cref="HostPath"/> is the host path ("" when the hostPath has no
/// path), null when the volume is not a hostPath; <see cref="ImageReference"/> is set for image
/// volumes (Kubernetes 1.31+).
/// </summary>
public sealed record VolumeView(int Index, string? Name, string? HostPath, string? ImageReference)
{
    public bool IsHostPath => HostPath is not null;

    public bool IsImage => ImageReference is not null;

    public string Path(string specPath) => $"{specPath}.volumes[{Index}]";

    public string ImageReferencePath(string specPath) => $"{specPath}.volumes[{Index}].image.reference";
}
