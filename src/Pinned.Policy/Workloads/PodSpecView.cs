namespace Pinned.Policy;

/// <summary>A pod spec flattened for the rules: every container of every group, and the volumes.</summary>
public sealed class PodSpecView(string specPath, IReadOnlyList<ContainerView> containers, IReadOnlyList<VolumeView> volumes)
{
    /// <summary>The dotted JSON path of the spec inside its object, e.g. "spec.template.spec".</summary>
    public string SpecPath { get; } = specPath;

    public IReadOnlyList<ContainerView> Containers { get; } = containers;

    public IReadOnlyList<VolumeView> Volumes { get; } = volumes;
}
