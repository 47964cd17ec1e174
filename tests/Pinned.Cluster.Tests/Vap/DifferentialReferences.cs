using System.Text;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>
/// Image references for the differential test, valid and invalid, from a fixed seed: the corners
/// of SPEC.md §1 (domain detection, ports, IPv6 brackets, separators, upper case, tag and digest
/// lengths and algorithms, the 255-character name limit) glued at random, plus strings of the
/// grammar's own characters. Only what the API server's pod validation refuses before admission
/// is left out: empty images and images with leading or trailing white space.
/// </summary>
internal static class DifferentialReferences
{
    private const string Hex = "0123456789abcdef";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    private static readonly string[] Domains =
    [
        "", "", "", "localhost/", "localhost:5000/", "docker.io/", "index.docker.io/", "registry.example/", "registry.example/warn-only/",
        "Registry.Example:443/", "[::1]:5000/", "[2001:db8::1]/", "[abc]/", "[]/", "[::1]x/", "127.0.0.1:8080/", "a-b.c/", "a..b/",
        "-a.io/", "a.io:/", "a.io:99999/", "a:1:2/", "Foo/", "a_b.c/", "ghcr.io/", "host.local:65535/",
    ];

    private static readonly string[] Separators = [".", "_", "__", "___", "-", "--", "---", ".."];

    private static readonly string[] Tags =
    [
        "", "", ":latest", ":LATEST", ":Latest", ":main", ":stable", ":Stable", ":1.27", ":v1.2.3-rc.1", ":", ":-x", ":.x", ":_x",
        ":a b", ":ſ", ":latest:latest",
    ];

    public static IReadOnlyList<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var references = new List<string>(count);
        while (references.Count < count)
        {
            var reference = random.Next(10) switch
            {
                0 => NearGrammar(random),
                1 => ImageId(random),
                _ => Glued(random),
            };
            if (reference.Length > 0 && reference.Trim().Length == reference.Length)
            {
                references.Add(reference);
            }
        }

        return references;
    }

    /// <summary>
    /// References near the plain sha256-pinned spelling (lower-case components, one separator,
    /// no port, at most 200 characters): most of them are plain, the rest differ by one part.
    /// </summary>
    public static IReadOnlyList<string> NearPlain(int count, Random random)
    {
        string[] domains = ["", "", "registry.example/", "a-b.c/", "docker.io/", "localhost/", "ghcr.io/", "Foo/", "localhost:5000/", "a.io:/", "-a.io/", "a..b/"];
        string[] separators = ["", "", ".", "_", "-", "__", "--", ".."];
        var references = new List<string>(count);
        while (references.Count < count)
        {
            var text = new StringBuilder(Pick(random, domains));
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                text.Append(Run(random)).Append(Pick(random, separators)).Append(Run(random)).Append(i > 1 ? "/" : "");
            }

            text.Append(random.Next(5) switch
            {
                0 => ":" + Chars(random, Word, 1) + Chars(random, Word + ".-", random.Next(115, 130)),
                1 => Pick(random, Tags),
                _ => "",
            });
            text.Append(random.Next(8) == 0 ? Digest(random) : "@sha256:" + Chars(random, Hex, 64));
            if (random.Next(6) == 0)
            {
                // Around the 200 characters the matchCondition allows.
                var pad = 197 + random.Next(7) - text.Length;
                var written = text.ToString();
                var at = written.IndexOf('@', StringComparison.Ordinal);
                var name = at < 0 ? written : written[..at];
                var end = name.LastIndexOf(':') > name.LastIndexOf('/') ? name.LastIndexOf(':') : name.Length;
                if (pad > 1)
                {
                    text.Insert(end, "/" + new string('p', pad - 1));
                }
            }

            var reference = text.ToString();
            if (reference.Trim().Length == reference.Length)
            {
                references.Add(reference);
            }
        }

        return references;
    }

    private static string Glued(Random random)
    {
        var text = new StringBuilder(Pick(random, Domains));
        var components = random.Next(1, 4);
        for (var i = 0; i < components; i++)
        {
            text.Append(i == 0 ? "" : random.Next(30) == 0 ? "//" : "/").Append(Component(random));
        }

        if (random.Next(8) == 0)
        {
            // Around the 255-character limit on the name (the domain does not count).
            var target = 250 + random.Next(10) - text.Length;
            for (var i = 0; i < Math.Max(0, target) / 60; i++)
            {
                text.Append('/').Append(new string('n', 59));
            }

            text.Append(new string('x', Math.Max(1, 255 + random.Next(-3, 4) - text.Length)));
        }

        text.Append(random.Next(12) == 0 ? TagOfLength(random) : Pick(random, Tags));
        text.Append(Digest(random));
        return text.ToString();
    }

    private static string Component(Random random)
    {
        switch (random.Next(12))
        {
            case 0: return Pick(random, ["A", "aB", "_a", "a-", "-a", "a.", ".a", "ſ", "а", "Ａ", "a\u200Fb", new string('0', 64), ""]);
            case 1: return Pick(random, ["library/a", "a__b", "a___b", "a--b", "a..b"]);
        }

        var text = new StringBuilder(Run(random));
        for (var i = random.Next(3); i > 0; i--)
        {
            text.Append(Pick(random, Separators)).Append(Run(random));
        }

        return text.ToString();
    }

    private static string Run(Random random) => Chars(random, Lower, random.Next(1, 7));

    private static string TagOfLength(Random random)
    {
        var length = random.Next(126, 131);
        return ":" + Chars(random, Word, 1) + Chars(random, Word + ".-", length - 1);
    }

    private static string Digest(Random random) => random.Next(16) switch
    {
        < 6 => "",
        < 10 => "@sha256:" + Chars(random, Hex, 64),
        10 => "@sha512:" + Chars(random, Hex, 128),
        11 => "@sha256:" + Chars(random, Hex, Pick(random, [63, 65, 0])),
        12 => "@sha256:" + Chars(random, "0123456789ABCDEF", 64),
        13 => Pick(random, ["@", "@sha256", "@md5:0123", "@sha384:" + Chars(random, Hex, 96), "@SHA256:" + Chars(random, Hex, 64)]),
        14 => "@sha256+b64:" + Chars(random, Hex, 64),
        _ => "@sha256:" + Chars(random, Hex, 64) + "@sha256:" + Chars(random, Hex, 64),
    };

    private static string ImageId(Random random) => random.Next(3) switch
    {
        0 => Chars(random, Hex, 64),
        1 => "sha256:" + Chars(random, Hex, 64),
        _ => Chars(random, Hex, random.Next(60, 70)),
    };

    private static string NearGrammar(Random random) =>
        Chars(random, "abcxyz019AZ_.-:/@[]%ſаＡ：\u200F ", random.Next(1, 80));

    private static string Chars(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
