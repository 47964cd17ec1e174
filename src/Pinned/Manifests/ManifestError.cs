namespace Pinned.Manifests;

/// <summary>Input that could not be read or understood: which input, which document and line when known, and why.</summary>
internal sealed record ManifestError(string Source, int? DocumentIndex, int? Line, string Message)
{
    /// <summary>"file:line: document 3: message", with the parts that are known.</summary>
    public override string ToString()
    {
        var where = Line is { } line ? $"{Source}:{line}" : Source;
        return DocumentIndex is { } index ? $"{where}: document {index}: {Message}" : $"{where}: {Message}";
    }
}
