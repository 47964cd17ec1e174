namespace Pinned.Policy;

/// <summary>A container of a pod spec with what the rules need: its image and its mounts.</summary>
public sealed record ContainerView(
    ContainerGroup Group,
    int Index,
    string? Name,
    string? Image,
    IReadOnlyList<VolumeMountView> Mounts)
{
    /// <summary>The JSON path of this container's image, e.g. "spec.template.spec.initContainers[1].image".</summary>
    public string ImagePath(string specPath) => $"{specPath}.{Group.FieldName()}[{Index}].image";
}
