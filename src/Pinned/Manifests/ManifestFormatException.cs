namespace Pinned.Manifests;

/// <summary>A YAML document that parses but cannot become a JSON object (duplicate key, complex key, bad alias…).</summary>
internal sealed class ManifestFormatException : Exception
{
    public ManifestFormatException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public ManifestFormatException()
    {
    }

    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The line of the stream where the problem is (1-based).</summary>
    public int Line { get; }
}
