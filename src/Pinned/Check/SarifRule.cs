namespace Pinned.Check;

/// <summary>SARIF reportingDescriptor of one rule: what code scanning shows next to an alert.</summary>
internal sealed record SarifRule(string Id, string Name, string ShortDescription, string FullDescription, string Help);
