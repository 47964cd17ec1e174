namespace Pinned.Policy;

/// <summary>Stable rule ids: they appear in configuration, messages, metrics and SARIF.</summary>
public static class RuleIds
{
    public const string ImageDigest = "image-digest";
    public const string MutableTag = "mutable-tag";
    public const string HostPath = "host-path";

    public static IReadOnlyList<string> All { get; } = [ImageDigest, MutableTag, HostPath];
}
