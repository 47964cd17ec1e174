namespace Pinned.Policy;

/// <summary>The three lists of a pod spec that hold containers.</summary>
public enum ContainerGroup
{
    Containers,
    InitContainers,
    EphemeralContainers,
}

internal static class ContainerGroupNames
{
    public static string FieldName(this ContainerGroup group) => group switch
    {
        ContainerGroup.Containers => "containers",
        ContainerGroup.InitContainers => "initContainers",
        _ => "ephemeralContainers",
    };
}
