using CsCheck;

namespace Pinned.Policy.Tests.References;

/// <summary>
/// CsCheck generators: valid references built from the grammar of SPEC.md §1 (with the parts they
/// should parse into), and strings near the grammar for the never-throws properties.
/// </summary>
internal static class ReferenceGenerators
{
    private const string LowerAlphaNumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string WordChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    private const string Hex = "0123456789abcdef";

    /// <summary>A valid reference and the parts it must parse into.</summary>
    internal sealed record Generated(string Text, string Domain, string Path, string? Tag, string? Digest);

    private static readonly Gen<string> Run = Gen.Char[LowerAlphaNumeric].Array[1, 6].Select(c => new string(c));

    private static readonly Gen<string> Separator = Gen.OneOf(".", "_", "__", "-", "--", "---");

    private static readonly Gen<string> Component =
        Gen.Select(Run, Gen.Select(Separator, Run, (s, r) => s + r).Array[0, 2], (first, rest) => first + string.Concat(rest));

    private static readonly Gen<string> RepositoryPath = Component.Array[1, 3].Select(c => string.Join('/', c));

    private static readonly Gen<string> Host =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[1, 6], Gen.OneOf(".com", ".io", ".example.org", ".local"))
            .Select(p => new string(p.Item1) + p.Item2);

    private static readonly Gen<string> Domain = Gen.Frequency(
        (3, Gen.Const("")),
        (2, Gen.OneOf("localhost", "localhost:5000", "docker.io", "index.docker.io", "[::1]:5000", "[2001:db8::1]", "127.0.0.1:8080", "Registry", "ghcr.io")),
        (3, Gen.Select(Host, Gen.Int[0, 65535], Gen.Bool, (h, port, withPort) => withPort ? $"{h}:{port}" : h)));

    private static readonly Gen<string?> Tag = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (3, Gen.Select(Gen.Char[WordChars], Gen.Char[WordChars + ".-"].Array[0, 127], (first, rest) => (string?)(first + new string(rest)))));

    private static readonly Gen<string?> Digest = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (2, Gen.Char[Hex].Array[64].Select(h => (string?)("sha256:" + new string(h)))),
        (1, Gen.Char[Hex].Array[128].Select(h => (string?)("sha512:" + new string(h)))));

    /// <summary>References valid by construction: normalised names stay well under 255 characters.</summary>
    public static readonly Gen<Generated> Valid = Gen.Select(Domain, RepositoryPath, Tag, Digest, Build);

    /// <summary>Strings made of the grammar's own characters, so that most of them reach deep into the parser.</summary>
    public static readonly Gen<string> NearGrammar =
        Gen.Char["abcxyz019AZ_.-:/@[]%" + "ſаＡ：\u200F\0 "].Array[0, 80].Select(c => new string(c));

    /// <summary>
    /// Where the grammar has its corners (SPEC.md §1): domain detection, IPv6 brackets, image IDs,
    /// separators, tag and digest lengths, and names on both sides of the length limit; glued
    /// together at random, so that valid and invalid references both come out.
    /// </summary>
    public static readonly Gen<string> EdgeCases = Gen.Select(
        Gen.OneOf("", "localhost/", "localhost:5000/", "[::1]:5000/", "[abc]/", "[]/", "[::1]x/", "Foo/", "a_b.c/", "a.b/", "a-/", "a--b/",
            "index.docker.io/", "docker.io/", "a:1:2/", "host:/", "registry.io/", new string('d', 250) + ".io/"),
        Gen.OneOf("a", "a.b", "a__b", "a___b", "a--b", "a-", "_a", "library/a", "a/b/c", new string('0', 63), new string('0', 64),
            new string('f', 64), new string('0', 65), new string('a', 236), new string('a', 237), new string('a', 238),
            string.Concat(Enumerable.Repeat("a/", 120)) + "a", new string('a', 243), new string('a', 244), new string('a', 246), "A", ""),
        Gen.OneOf("", ":", ":v1", ":_x", ":-x", ":" + new string('t', 128), ":" + new string('t', 129), ":a:b", ":latest"),
        Gen.OneOf("", "@", "@sha256:" + new string('a', 64), "@sha256:" + new string('a', 63), "@sha512:" + new string('b', 128),
            "@sha256:" + new string('A', 64), "@md5:" + new string('a', 32), "@sha256:" + new string('a', 64) + "@x"),
        (domain, path, tag, digest) => domain + path + tag + digest);

    /// <summary>A valid reference with one character inserted, deleted or replaced.</summary>
    public static readonly Gen<string> Mutated = Gen.Select(Valid, Gen.Int[0, 1000], Gen.Char, Gen.Int[0, 2], Mutate);

    private static Generated Build(string domain, string path, string? tag, string? digest)
    {
        // Without a domain, a dotted first component would be read as one (splitDockerDomain).
        if (domain.Length == 0 && path.IndexOf('/') is > 0 and var slash && path.AsSpan(0, slash).Contains('.'))
        {
            domain = "docker.io";
        }

        var text = (domain.Length == 0 ? path : $"{domain}/{path}")
            + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
        bool onHub = domain is "" or "docker.io" or "index.docker.io";
        var normalizedPath = onHub && !path.Contains('/') ? "library/" + path : path;
        return new Generated(text, onHub ? "docker.io" : domain, normalizedPath, tag, digest);
    }

    private static string Mutate(Generated valid, int position, char c, int operation)
    {
        var text = valid.Text;
        int at = position % (text.Length + 1);
        return operation switch
        {
            0 => text.Insert(at, c.ToString()),
            1 when at < text.Length => text.Remove(at, 1),
            _ when at < text.Length => string.Concat(text.AsSpan(0, at), c.ToString(), text.AsSpan(at + 1)),
            _ => text + c,
        };
    }
}
