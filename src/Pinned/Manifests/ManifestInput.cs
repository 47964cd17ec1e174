namespace Pinned.Manifests;

/// <summary>One input to read: a file (its path as the user wrote it, joined with the folder walk) or standard input.</summary>
internal sealed record ManifestInput(string DisplayName, string? Path)
{
    public const string StdinName = "<stdin>";

    public static ManifestInput Stdin { get; } = new(StdinName, null);

    public bool IsStdin => Path is null;
}
