using Pinned.Policy;
using Pinned.Registry;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Pinning;

/// <summary>
/// <c>pinned pin --from FILE</c>: digests from a file mapping image → pinned image (what
/// <c>pinned audit --pins</c> prints) instead of a registry. An image is found however it is
/// written (<c>nginx</c> and <c>docker.io/library/nginx:latest</c> are one entry); one the file
/// lacks fails as "not in FILE", and the manifest holding it is left unchanged.
/// </summary>
internal sealed class PinsFileResolver : IDigestResolver
{
    private readonly Dictionary<string, string> _digests;
    private readonly string _file;

    private PinsFileResolver(string file, Dictionary<string, string> digests)
    {
        _file = file;
        _digests = digests;
    }

    /// <summary>Reads <paramref name="file"/>; throws <see cref="PinsFileException"/> naming the bad entry.</summary>
    public static PinsFileResolver Load(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PinsFileException($"cannot read {file}: {e.Message}");
        }

        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (image, pinned, line) in Entries(file, text))
        {
            if (!ImageReference.TryParse(image, out var from, out var fromError) || from.HasDigest)
            {
                throw new PinsFileException($"{file}:{line}: '{image}' is not an unpinned image reference{(from.HasDigest ? "" : ": " + fromError.Message)}");
            }

            if (!ImageReference.TryParse(pinned, out var to, out _) || to.Digest is not { } digest || to.Name != from.Name)
            {
                throw new PinsFileException($"{file}:{line}: '{pinned}' is not '{image}' pinned by digest");
            }

            var key = Key(from);
            if (digests.TryGetValue(key, out var known) && known != digest)
            {
                throw new PinsFileException($"{file}:{line}: '{image}' is pinned twice, to {known} and {digest}");
            }

            digests[key] = digest;
        }

        return new PinsFileResolver(file, digests);
    }

    public Task<DigestResolution> ResolveAsync(ImageReference image, CancellationToken cancellationToken = default) =>
        Task.FromResult(_digests.TryGetValue(Key(image), out var digest)
            ? DigestResolution.Resolved(image.Original, _file, digest)
            : DigestResolution.Failed(image.Original, _file, RegistryFailure.NotFound, $"not in {_file}"));

    /// <summary>The key <see cref="PinRunner"/> groups references by: normalised name and tag.</summary>
    private static string Key(ImageReference reference) => $"{reference.Name}:{reference.Tag ?? "latest"}";

    private static List<(string Image, string Pinned, long Line)> Entries(string file, string text)
    {
        var entries = new List<(string, string, long)>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return entries;
            }

            parser.Consume<DocumentStart>();
            if (parser.TryConsume<Scalar>(out var empty) && empty.Value.Length == 0)
            {
                return entries;
            }

            parser.Consume<MappingStart>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                var value = parser.Consume<Scalar>();
                entries.Add((key.Value, value.Value, key.Start.Line));
            }
        }
        catch (YamlException e)
        {
            throw new PinsFileException($"{file}:{e.Start.Line}: not a mapping of image to pinned image: {e.Message}");
        }

        return entries;
    }
}
