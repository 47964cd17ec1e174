namespace Pinned.Audit;

/// <summary>An object of the cluster by kind, namespace and name: "shop/Deployment/web".</summary>
internal readonly record struct ObjectRef(string Kind, string Namespace, string Name) : IComparable<ObjectRef>
{
    /// <summary>The SARIF logical location and the text report's heading.</summary>
    public override string ToString() => $"{Namespace}/{Kind}/{Name}";

    public int CompareTo(ObjectRef other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        if (byNamespace != 0)
        {
            return byNamespace;
        }

        var byKind = string.CompareOrdinal(Kind, other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(Name, other.Name);
    }
}
