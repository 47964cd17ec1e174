using static Pinned.Policy.Tests.References.Digests;

namespace Pinned.Policy.Tests.References;

/// <summary>
/// Invalid references, the kind of error each must report, and a fragment of the message that
/// says why. Digest rows are stricter than distribution (SPEC.md §1: only sha256/64 and
/// sha512/128, lowercase).
/// </summary>
public static class InvalidReferenceRows
{
    public static TheoryData<string, ReferenceErrorKind, string> All { get; } = Build();

    private static TheoryData<string, ReferenceErrorKind, string> Build()
    {
        var rows = new TheoryData<string, ReferenceErrorKind, string>();
        void Row(string because, string input, ReferenceErrorKind kind, string why) =>
            rows.Add(new TheoryDataRow<string, ReferenceErrorKind, string>(input, kind, why).WithTestDisplayName(because));

        // Empty and whitespace.
        Row("an empty string", "", ReferenceErrorKind.Empty, "empty");
        Row("a single space", " ", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a leading space", " nginx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a trailing space", "nginx ", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a space inside the tag", "nginx:1.0 ", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("a tab before the name", "\tnginx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a trailing newline", "nginx\n", ReferenceErrorKind.InvalidPath, "not a valid repository path");

        // Missing parts.
        Row("a tag without a name", ":justtag", ReferenceErrorKind.InvalidPath, "repository name is empty");
        Row("a digest without a name", "@" + Ffff, ReferenceErrorKind.InvalidPath, "repository name is empty");
        Row("an empty tag", "nginx:", ReferenceErrorKind.InvalidTag, "tag after ':' is empty");
        Row("an empty digest", "nginx@", ReferenceErrorKind.InvalidDigest, "not a digest");
        Row("a tag then an empty digest", "nginx:latest@", ReferenceErrorKind.InvalidDigest, "not a digest");
        Row("a trailing slash leaves an empty component", "docker/", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a leading slash", "/nginx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a double slash", "a//b", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("three slashes in a row", "docker///docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");

        // Digests.
        Row("a short sha256 digest", "repo@sha256:ffffffffffffffffffffffffffffffffff", ReferenceErrorKind.InvalidDigest, "has 34 hex digits; it needs exactly 64");
        Row("a 63-digit sha256 digest", "app@sha256:" + Hex64[..63], ReferenceErrorKind.InvalidDigest, "needs exactly 64");
        Row("a 65-digit sha256 digest", "app@sha256:" + Hex64 + "a", ReferenceErrorKind.InvalidDigest, "needs exactly 64");
        Row("an upper-case sha256 digest", "app@sha256:" + Hex64.ToUpperInvariant(), ReferenceErrorKind.InvalidDigest, "lowercase hex");
        Row("a sha256 digest with a non-hex letter", "app@sha256:" + Hex64[..63] + "g", ReferenceErrorKind.InvalidDigest, "lowercase hex");
        Row("a sha512 digest of 64 digits", "app@sha512:" + Hex64, ReferenceErrorKind.InvalidDigest, "needs exactly 128");
        Row("an empty sha256 digest", "app@sha256:", ReferenceErrorKind.InvalidDigest, "has 0 hex digits");
        Row("an unknown digest algorithm", "validname@invaliddigest:" + Hex64, ReferenceErrorKind.UnsupportedDigestAlgorithm, "'invaliddigest' is not supported");
        Row("md5 is not accepted", "app@md5:d41d8cd98f00b204e9800998ecf8427e", ReferenceErrorKind.UnsupportedDigestAlgorithm, "use sha256 or sha512");
        Row("sha384 is not accepted", "app@sha384:" + Hex64 + Hex64[..32], ReferenceErrorKind.UnsupportedDigestAlgorithm, "'sha384' is not supported");
        Row("an upper-case algorithm", "app@SHA256:" + Hex64, ReferenceErrorKind.UnsupportedDigestAlgorithm, "'SHA256' is not supported");
        Row("a digest without an algorithm", "app@" + Hex64, ReferenceErrorKind.InvalidDigest, "not a digest");
        Row("two digests", "app@" + Sha256 + "@" + Sha256, ReferenceErrorKind.InvalidDigest, "more than one '@'");
        Row("two at signs in a row", "app@@" + Sha256, ReferenceErrorKind.InvalidDigest, "more than one '@'");
        Row("an at sign in the name", "us@er/app:v1@" + Sha256, ReferenceErrorKind.InvalidDigest, "more than one '@'");

        // Upper case in the path.
        Row("an upper-case official image", "Nginx", ReferenceErrorKind.UppercasePath, "must be lowercase");
        Row("an upper-case name with a tag", "Uppercase:tag", ReferenceErrorKind.UppercasePath, "must be lowercase");
        Row("an upper-case second component", "docker/Docker", ReferenceErrorKind.UppercasePath, "must be lowercase");
        Row("an upper-case component after a registry", "test:5000/Uppercase/lowercase:tag", ReferenceErrorKind.UppercasePath, "must be lowercase");
        Row("an upper-case last component on docker.io", "docker.io/docker/Docker", ReferenceErrorKind.UppercasePath, "must be lowercase");

        // Path grammar.
        Row("symbols in a path component", "aa/asdf$$^/aa", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a leading dash", "-docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a leading dash in a namespace", "-docker/docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a trailing dash in a namespace", "docker-/docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("dashes around a namespace", "-docker-/docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("underscores only", "____/____", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("leading underscores", "_docker/_docker", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("three underscores are not a separator", "dock___er", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("two dots in a row (after the first component, where a dot makes a domain)", "docker/dock..er", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("an underscore then a dot", "docker/dock_.er", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a dash then a dot", "docker/dock-.er", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a trailing dot", "app.", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("two colons leave a colon in the name", "nginx:1.0:2", ReferenceErrorKind.InvalidPath, "not a valid repository path");

        // Domains.
        Row("a domain that starts with a dash", "-docker.io/docker/docker", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("a URL is not a reference", "https://github.com/docker/docker", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("an empty port", "host:/app", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("a port that is not a number", "host:abc/app", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("an IPv6 address without brackets", "fc00::1:5000/debian", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("an IPv6 zone", "[fe80::1%eth0]:5000/repo", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("an IPv4-mapped IPv6 literal", "[2001:db8:3:4::192.0.2.33]:5000/debian", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        // A bracketed first component is a domain only through a ':' (splitDockerDomain), so this is a path.
        Row("a bracketed first component without ':' is a path, pinned", "[abc]/app@" + Sha256, ReferenceErrorKind.InvalidPath, "'[abc]/app' is not a valid repository path");
        Row("a bracketed first component without ':' is a path, tagged", "[abc]/app:1.0", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a bracketed digit run without ':' is a path", "[1]/app", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("empty brackets", "[]:5000/app", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("an IPv6 literal alone", "[2001:db8::1]", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("an IPv6 literal with a port and no path", "[2001:db8::1]:5000", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("an IPv6 zone with an at sign", "[fe80::1%@invalidzone]:5000/repo", ReferenceErrorKind.UnsupportedDigestAlgorithm, "is not supported");

        // Tags.
        Row("a tag that starts with a dash", "nginx:-1", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("a tag that starts with a dot", "nginx:.1", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("a plus in a tag", "nginx:1.0+build", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("a tag of 129 characters", "app:" + new string('t', 129), ReferenceErrorKind.InvalidTag, "129 characters long; at most 128");

        // Length and identifiers.
        // distribution/reference v0.6.0 counts the normalised path (with library/), not the domain.
        Row("a path of 256 characters after a domain", "registry.io/" + new string('a', 256), ReferenceErrorKind.NameTooLong, "path (without the registry host) is 256 characters long; at most 255");
        Row("an official image that library/ pushes over 255", new string('b', 248), ReferenceErrorKind.NameTooLong, "is 256 characters long");
        Row("index.docker.io with a path of 256", "index.docker.io/x/" + new string('c', 254), ReferenceErrorKind.NameTooLong, "is 256 characters long");
        Row("a path of 256 pinned by digest", "example.com/" + new string('d', 256) + "@" + Sha256, ReferenceErrorKind.NameTooLong, "is 256 characters long");
        Row("128 components of a/", string.Concat(Enumerable.Repeat("a/", 128)) + "a:tag", ReferenceErrorKind.NameTooLong, "is 257 characters long; at most 255");
        Row("a namespace over 255", "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker", ReferenceErrorKind.NameTooLong, "at most 255");
        Row("a 64-hex string is an image ID", Hex64, ReferenceErrorKind.HexIdentifier, "image ID");

        // Hostile input.
        Row("10 KB of letters", new string('a', 10_240), ReferenceErrorKind.NameTooLong, "at most 255");
        Row("10 KB of slashes", new string('/', 10_240), ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("10 KB of colons", new string(':', 10_240), ReferenceErrorKind.InvalidTag, "tag after ':' is empty");
        Row("10 KB of at signs", new string('@', 10_240), ReferenceErrorKind.InvalidDigest, "more than one '@'");
        Row("a 10 KB tag", "app:" + new string('t', 10_240), ReferenceErrorKind.InvalidTag, "at most 128");
        Row("a NUL character alone", "\0", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a NUL inside the name", "ngi\0nx:1.0", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a bell inside the tag", "nginx:1\a", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("an escape sequence", "nginx\u001b[31m", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a Cyrillic a that looks Latin", "ngаinx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a Cyrillic i in the domain", "regіstry.io/app", ReferenceErrorKind.InvalidDomain, "not a valid registry host");
        Row("a Cyrillic a in the digest", "app@sha256:" + Hex64[..63] + "а", ReferenceErrorKind.InvalidDigest, "lowercase hex");
        Row("a full-width colon before the tag", "nginx：latest", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("full-width letters", "ｎｇｉｎｘ", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a right-to-left mark before the name", "\u200Fnginx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a right-to-left override inside the tag", "nginx:1.0\u202E", ReferenceErrorKind.InvalidTag, "not a valid tag");
        Row("a zero-width space inside the name", "ng\u200Binx", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("a lone surrogate", "nginx\uD800", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        Row("an emoji", "🐳/app", ReferenceErrorKind.InvalidPath, "not a valid repository path");
        return rows;
    }
}
