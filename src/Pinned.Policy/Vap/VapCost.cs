namespace Pinned.Policy.Vap;

/// <summary>Placeholder until the static estimate lands: no refusal on cost.</summary>
internal static class VapCost
{
    public static IEnumerable<string> Summary(PolicyOptions policy)
    {
        _ = policy;
        return [];
    }

    public static IEnumerable<string> Refusals(PolicyOptions policy)
    {
        _ = policy;
        return [];
    }
}
