namespace Pinned.Policy;

/// <summary>A rule's exemptImages list, compiled once.</summary>
internal sealed class ImageExemptions(IReadOnlyList<string> patterns)
{
    private readonly ImageGlob[] _globs = [.. patterns.Select(ImageGlob.Create)];

    public bool IsEmpty => _globs.Length == 0;

    public bool Covers(ImageReference reference)
    {
        if (_globs.Length == 0)
        {
            return false;
        }

        var normalized = reference.ToNormalizedString();
        foreach (var glob in _globs)
        {
            if (glob.IsMatch(normalized))
            {
                return true;
            }
        }

        return false;
    }
}
