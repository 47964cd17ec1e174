using static Pinned.Policy.Tests.References.Digests;

namespace Pinned.Policy.Tests.References;

/// <summary>
/// Valid references with their normalised parts (domain, path, tag, digest). Rows come from
/// SPEC.md §1 and from distribution/reference's reference_test.go and normalize_test.go, read
/// through ParseNormalizedNamed (which is what containerd and kubelet use).
/// </summary>
public static class ValidReferenceRows
{
    public static TheoryData<string, string, string, string?, string?> All { get; } = Build();

    private static TheoryData<string, string, string, string?, string?> Build()
    {
        var rows = new TheoryData<string, string, string, string?, string?>();
        void Row(string because, string input, string domain, string path, string? tag = null, string? digest = null) =>
            rows.Add(new TheoryDataRow<string, string, string, string?, string?>(input, domain, path, tag, digest)
                .WithTestDisplayName(because));

        // Docker Hub normalisation.
        Row("a bare name is an official image on Docker Hub", "nginx", "docker.io", "library/nginx");
        Row("a bare name with a tag keeps the tag", "nginx:1.27", "docker.io", "library/nginx", "1.27");
        Row("an explicit latest tag is still a tag", "nginx:latest", "docker.io", "library/nginx", "latest");
        Row("library/ spelled out is the same repository", "library/nginx", "docker.io", "library/nginx");
        Row("docker.io with one component gets library/", "docker.io/nginx", "docker.io", "library/nginx");
        Row("docker.io with library/ spelled out", "docker.io/library/nginx", "docker.io", "library/nginx");
        Row("index.docker.io is the legacy name of docker.io", "index.docker.io/nginx:1.27", "docker.io", "library/nginx", "1.27");
        Row("index.docker.io with a user namespace", "index.docker.io/docker/docker", "docker.io", "docker/docker");
        Row("index.docker.io with library/ spelled out", "index.docker.io/library/debian", "docker.io", "library/debian");
        Row("a user namespace on Docker Hub gets no library/", "dmcgowan/myapp:latest", "docker.io", "dmcgowan/myapp", "latest");
        Row("a three-component Docker Hub path", "store/foo/bar", "docker.io", "store/foo/bar");
        Row("library as the last component is only a name", "other/library", "docker.io", "other/library");
        Row("library/ with two more components stays as written", "docker.io/library/foo/bar", "docker.io", "library/foo/bar");
        Row("a capitalised Docker.io is another registry, not Docker Hub", "Docker.io/nginx", "Docker.io", "nginx");

        // Domain detection (splitDockerDomain).
        Row("localhost is a domain without dot or port", "localhost/app", "localhost", "app");
        Row("localhost:5000/app has a port and no tag", "localhost:5000/app", "localhost:5000", "app");
        Row("localhost:5000/app:v1 has a port and a tag", "localhost:5000/app:v1", "localhost:5000", "app", "v1");
        Row("localhost:5000 alone is library/localhost with tag 5000", "localhost:5000", "docker.io", "library/localhost", "5000");
        Row("localhost alone is an official image", "localhost", "docker.io", "library/localhost");
        Row("an upper-case first component is a domain", "Foo/bar", "Foo", "bar");
        Row("an all-caps first component is a domain", "FOO/bar", "FOO", "bar");
        Row("Docker/docker is a registry named Docker", "Docker/docker", "Docker", "docker");
        Row("a first component with a dot is a domain", "test.com/repo:tag", "test.com", "repo", "tag");
        Row("a first component with a port is a domain", "test:5000/repo", "test:5000", "repo");
        Row("a hyphenated host with a port", "test-com:8080/foo", "test-com:8080", "foo");
        Row("an underscore keeps the first component a path", "test_com/foo", "docker.io", "test_com/foo");
        Row("a dotted name without a slash is a repository", "test.com:tag", "docker.io", "library/test.com", "tag");
        Row("a dotted name with a numeric tag is not a port", "test.com:5000", "docker.io", "library/test.com", "5000");
        Row("a dotted name with an underscore and a numeric tag", "foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080");
        Row("a dotted second component is a path component", "foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080");
        Row("subdomains, hyphens and a long tag", "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag");
        Row("a dotted path component and a dotted tag", "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com");
        Row("a punycode domain", "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com");
        Row("a punycode domain with a port", "xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo");
        Row("a punycode domain with tag and sha512 digest", "xn--7o8h.com/myimage:xn--7o8h.com@" + Sha512, "xn--7o8h.com", "myimage", "xn--7o8h.com", Sha512);
        Row("an IPv4 address alone is a repository name", "192.168.1.1", "docker.io", "library/192.168.1.1");
        Row("an IPv4 address with a number is a tag", "192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000");
        Row("an IPv4 address before a slash is a domain", "192.168.1.1/repo", "192.168.1.1", "repo");
        Row("an IPv4 address with port, repo and numeric tag", "192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050");
        Row("a loopback registry with library/ in the path", "127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian");
        Row("a registry with a port and a tag", "example.com:8000/named:tagged", "example.com:8000", "named", "tagged");

        // IPv6 literals.
        Row("an IPv6 loopback with a port", "[::1]:5000/app", "[::1]:5000", "app");
        Row("an IPv6 loopback without a port", "[::1]/app", "[::1]", "app");
        Row("a bracketed hex component is a domain through its port", "[abc]:5000/app", "[abc]:5000", "app");
        Row("an IPv6 literal with a tag", "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag");
        Row("an IPv6 literal ending in ::", "[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo");
        Row("an IPv6 literal with port, tag and digest", "[2001:db8::1]:5000/repo:tag@" + Ffff, "[2001:db8::1]:5000", "repo", "tag", Ffff);
        Row("an IPv6 literal with a two-component path", "[fc00::1]:5000/docker/docker", "[fc00::1]:5000", "docker/docker");

        // Digests.
        Row("a digest without a tag", "app@" + Sha256, "docker.io", "library/app", null, Sha256);
        Row("a tag and a digest: pinned, the digest wins", "app:1.2@" + Sha256, "docker.io", "library/app", "1.2", Sha256);
        Row("latest with a digest is still pinned", "busybox:latest@" + Sha256, "docker.io", "library/busybox", "latest", Sha256);
        Row("a sha512 digest has 128 hex digits", "app@" + Sha512, "docker.io", "library/app", null, Sha512);
        Row("a registry with port and digest", "test:5000/repo@" + Ffff, "test:5000", "repo", null, Ffff);
        Row("a full reference with every part", "registry.example.com:443/team/app:v1.2.3@" + Sha256, "registry.example.com:443", "team/app", "v1.2.3", Sha256);

        // Tags.
        Row("a tag may start with an underscore", "app:_private", "docker.io", "library/app", "_private");
        Row("a tag may hold upper case", "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase");
        Row("a tag may hold dots, dashes and underscores", "ghcr.io/org/app:v1.2.3-rc.1_build", "ghcr.io", "org/app", "v1.2.3-rc.1_build");
        Row("a tag may end with a dash", "app:v1-", "docker.io", "library/app", "v1-");
        Row("a tag of exactly 128 characters", "app:" + new string('t', 128), "docker.io", "library/app", new string('t', 128));
        Row("a one-character tag", "app:1", "docker.io", "library/app", "1");

        // Path components and separators.
        Row("a single-character name", "a", "docker.io", "library/a");
        Row("single-character components", "d/docker", "docker.io", "d/docker");
        Row("a single-character last component", "jess/t", "docker.io", "jess/t");
        Row("a dot separator", "a.b", "docker.io", "library/a.b");
        Row("an underscore separator", "a_b", "docker.io", "library/a_b");
        Row("a double-underscore separator", "dock__er/docker", "docker.io", "dock__er/docker");
        Row("a dash separator", "docker-rules/docker", "docker.io", "docker-rules/docker");
        Row("several dashes form one separator", "docker---rules/docker", "docker.io", "docker---rules/docker");
        Row("mixed separators in one component", "ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base");
        Row("digits only", "registry.k8s.io/pause:3.9", "registry.k8s.io", "pause", "3.9");
        Row("a 64-character name that is not hex", "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io", "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev");
        Row("a 63-character hex name is a name, not an ID", Hex64[..63], "docker.io", "library/" + Hex64[..63]);
        Row("a 64-hex name after a domain is a repository", "docker.io/" + Hex64, "docker.io", "library/" + Hex64);
        Row("sha256:<hex> without @ is repository sha256 with a tag", Sha256, "docker.io", "library/sha256", Hex64);
        Row("a 64-hex name with a tag is a repository", Hex64 + ":v1", "docker.io", "library/" + Hex64, "v1");

        // Length: 255 counted on the normalised path without the domain (distribution/reference v0.6.0).
        Row("a path of exactly 255 characters after a domain", "registry.io/" + new string('a', 255), "registry.io", new string('a', 255));
        Row("example.com/ and 244 characters pinned by digest (the domain does not count)", "example.com/" + new string('e', 244) + "@" + Sha256, "example.com", new string('e', 244), null, Sha256);
        Row("an official image of exactly 255 once library/ is added", new string('b', 247), "docker.io", "library/" + new string('b', 247));
        Row("index.docker.io with a path of exactly 255", "index.docker.io/x/" + new string('c', 253), "docker.io", "x/" + new string('c', 253));
        Row("a/ 127 times then a: 255 characters of path, valid since v0.6.0", string.Concat(Enumerable.Repeat("a/", 127)) + "a:tag-puts-this-over-max", "docker.io", string.Concat(Enumerable.Repeat("a/", 127)) + "a", "tag-puts-this-over-max");
        Row("a 128-character tag does not count towards the name", "registry.io/" + new string('a', 243) + ":" + new string('t', 128), "registry.io", new string('a', 243), new string('t', 128));
        return rows;
    }
}
