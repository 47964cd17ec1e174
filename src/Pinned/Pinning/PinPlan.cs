using Pinned.Policy;
using YamlDotNet.Core;

namespace Pinned.Pinning;

/// <summary>What one manifest needs: its unpinned images (each with its parsed reference) and
/// the images that cannot be pinned at all (invalid reference, block scalar).</summary>
internal sealed class PinPlan
{
    private PinPlan(ManifestSource source, List<(ImageScalar, ImageReference)> unpinned, List<string> problems)
    {
        Source = source;
        Unpinned = unpinned;
        Problems = problems;
    }

    public ManifestSource Source { get; }

    public IReadOnlyList<(ImageScalar Scalar, ImageReference Reference)> Unpinned { get; }

    /// <summary>Messages for images that no registry answer can fix.</summary>
    public List<string> Problems { get; }

    public int ImageCount { get; private init; }

    /// <summary>Null with an error when the text is not YAML or JSON.</summary>
    public static PinPlan? Create(ManifestSource source, out string? error)
    {
        IReadOnlyList<ImageScalar> scalars;
        try
        {
            scalars = ManifestImageLocator.Locate(source.Text);
        }
        catch (YamlException e)
        {
            error = $"{source.Name}:{e.Start.Line}:{e.Start.Column}: not valid YAML or JSON: {e.InnerException?.Message ?? e.Message}";
            return null;
        }
        catch (ArgumentException e)
        {
            error = $"{source.Name}: not valid YAML or JSON: {e.Message}";
            return null;
        }
        error = null;
        var unpinned = new List<(ImageScalar, ImageReference)>();
        var problems = new List<string>();
        foreach (var scalar in scalars)
        {
            if (!ImageReference.TryParse(scalar.Value, out var reference, out var referenceError))
            {
                problems.Add($"{Where(source, scalar)}: invalid image reference \"{scalar.Value}\": {referenceError.Message}");
            }
            else if (!reference.HasDigest && !scalar.CanSplice)
            {
                problems.Add($"{Where(source, scalar)}: {scalar.Value}: a block scalar (| or >) cannot be pinned in place; write it on one line");
            }
            else if (!reference.HasDigest)
            {
                unpinned.Add((scalar, reference));
            }
        }
        return new PinPlan(source, unpinned, problems) { ImageCount = scalars.Count };
    }

    /// <summary>"file:line:column: field.path" for messages.</summary>
    public static string Where(ManifestSource source, ImageScalar scalar) =>
        $"{source.Name}:{scalar.Line}:{scalar.Column}: {scalar.Path}";
}
