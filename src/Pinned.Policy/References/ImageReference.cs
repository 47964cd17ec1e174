using System.Diagnostics.CodeAnalysis;

namespace Pinned.Policy;

/// <summary>
/// A container image reference, parsed with the grammar of distribution/reference (the library
/// containerd and Docker use):
/// <code>
/// reference := name [ ":" tag ] [ "@" digest ]
/// name      := [ domain "/" ] path          (the path ≤ 255 characters once normalised, domain not counted)
/// domain    := host [ ":" port ]            host: dotted components, or an IPv6 literal in brackets
/// path      := component ( "/" component )*  component: [a-z0-9]+ joined by ".", "_", "__" or "-"+
/// tag       := [\w][\w.-]{0,127}
/// digest    := "sha256:" 64 lowercase hex | "sha512:" 128 lowercase hex
/// </code>
/// The first path component is a domain only if it contains '.' or ':', is "localhost", or has an
/// upper-case letter (distribution's splitDockerDomain: brackets alone do not make a domain, so
/// "[abc]/app" is an invalid path while "[::1]/app" is on "[::1]"); so "localhost:5000/app" is repository
/// "app" on "localhost:5000" with no tag. Without a domain the reference is on Docker Hub, and a
/// one-component Docker Hub path gets "library/". The struct keeps offsets into the original
/// string, so a successful parse allocates nothing.
/// </summary>
public readonly struct ImageReference : IEquatable<ImageReference>
{
    private const string DockerHub = "docker.io";
    private const string LegacyDockerHub = "index.docker.io";
    private const string OfficialPrefix = "library/";

    private readonly string? _original;
    private readonly int _domainLength;          // 0: no domain written, Docker Hub implied
    private readonly int _pathStart;
    private readonly int _pathLength;
    private readonly int _tagStart;              // 0: no tag
    private readonly int _tagLength;
    private readonly int _digestStart;           // 0: no digest
    private readonly bool _officialImage;        // Docker Hub path with one component: "library/" implied

    private ImageReference(string original, int domainLength, int pathStart, int pathLength,
        int tagStart, int tagLength, int digestStart, bool officialImage)
    {
        _original = original;
        _domainLength = domainLength;
        _pathStart = pathStart;
        _pathLength = pathLength;
        _tagStart = tagStart;
        _tagLength = tagLength;
        _digestStart = digestStart;
        _officialImage = officialImage;
    }

    /// <summary>The reference as written.</summary>
    public string Original => _original ?? string.Empty;

    /// <summary>The registry, normalised: "docker.io" when none was written.</summary>
    public string Domain => DomainSpan.ToString();

    /// <summary>The registry without allocating; Docker Hub's legacy name is normalised.</summary>
    public ReadOnlySpan<char> DomainSpan
    {
        get
        {
            if (_domainLength == 0)
            {
                return DockerHub;
            }

            var written = Original.AsSpan(0, _domainLength);
            return written.SequenceEqual(LegacyDockerHub) ? DockerHub : written;
        }
    }

    /// <summary>The repository path as written, without the implied "library/".</summary>
    public ReadOnlySpan<char> WrittenPath => Original.AsSpan(_pathStart, _pathLength);

    /// <summary>The repository path, normalised ("library/nginx" for "nginx").</summary>
    public string Path => _officialImage ? string.Concat(OfficialPrefix, WrittenPath) : WrittenPath.ToString();

    /// <summary>Domain and path: the normalised repository name.</summary>
    public string Name => string.Concat(DomainSpan, "/", Path);

    public bool HasTag => _tagStart > 0;

    public bool HasDigest => _digestStart > 0;

    /// <summary>The tag as written, or empty when none was written (the runtime then uses "latest").</summary>
    public ReadOnlySpan<char> TagSpan => HasTag ? Original.AsSpan(_tagStart, _tagLength) : default;

    public string? Tag => HasTag ? TagSpan.ToString() : null;

    public ReadOnlySpan<char> DigestSpan => HasDigest ? Original.AsSpan(_digestStart) : default;

    /// <summary>"sha256:…" or "sha512:…", or null.</summary>
    public string? Digest => HasDigest ? DigestSpan.ToString() : null;

    /// <summary>Whether the reference names content by digest, which is what makes it immutable.</summary>
    public bool IsPinned => HasDigest;

    /// <summary>"docker.io/library/nginx:1.27@sha256:…": the normalised form, with only the parts present.</summary>
    public string ToNormalizedString()
    {
        var tag = HasTag ? string.Concat(":", TagSpan) : string.Empty;
        var digest = HasDigest ? string.Concat("@", DigestSpan) : string.Empty;
        return string.Concat(Name, tag, digest);
    }

    public override string ToString() => Original;

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error)
            ? reference
            : throw new FormatException($"invalid image reference '{text}': {error.Message}");

    public static bool TryParse([NotNullWhen(true)] string? text, out ImageReference reference, out ReferenceError error) =>
        ImageReferenceParser.TryParse(text, out reference, out error);

    internal static ImageReference Create(string original, int domainLength, int pathStart, int pathLength,
        int tagStart, int tagLength, int digestStart, bool officialImage) =>
        new(original, domainLength, pathStart, pathLength, tagStart, tagLength, digestStart, officialImage);

    public bool Equals(ImageReference other) =>
        DomainSpan.SequenceEqual(other.DomainSpan)
        && PathEquals(this, other)
        && HasTag == other.HasTag
        && TagSpan.SequenceEqual(other.TagSpan)
        && DigestSpan.SequenceEqual(other.DigestSpan);

    // "nginx" and "docker.io/library/nginx" name the same repository.
    private static bool PathEquals(ImageReference a, ImageReference b)
    {
        if (a._officialImage == b._officialImage)
        {
            return a.WrittenPath.SequenceEqual(b.WrittenPath);
        }

        var (official, spelledOut) = a._officialImage ? (a, b) : (b, a);
        return spelledOut.WrittenPath.StartsWith(OfficialPrefix)
            && spelledOut.WrittenPath[OfficialPrefix.Length..].SequenceEqual(official.WrittenPath);
    }

    private ReadOnlySpan<char> LastPathComponent => WrittenPath[(WrittenPath.LastIndexOf('/') + 1)..];

    public override bool Equals(object? obj) => obj is ImageReference other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(string.GetHashCode(DomainSpan), string.GetHashCode(LastPathComponent),
            string.GetHashCode(TagSpan), string.GetHashCode(DigestSpan));

    public static bool operator ==(ImageReference left, ImageReference right) => left.Equals(right);

    public static bool operator !=(ImageReference left, ImageReference right) => !left.Equals(right);
}
