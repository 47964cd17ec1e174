using static Pinned.Policy.Tests.Rules.Pods;

namespace Pinned.Policy.Tests.Rules;

public sealed class HostPathRuleTests
{
    private static PolicyOptions Allowing(string entries) => Only(RuleIds.HostPath, $", allowedHostPaths: [{entries}]");

    [Theory]
    [InlineData("/var/log")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("relative/path")]
    public void An_empty_allow_list_denies_every_hostPath(string path)
    {
        var violation = Assert.Single(Judge(Only(RuleIds.HostPath), WithHostPath(path)));

        Assert.Equal(("host-path", "spec.volumes[0]", null), (violation.RuleId, violation.Path, violation.Image));
        Assert.Contains($"volume 'v' mounts host path '{path}', which no allowedHostPaths entry permits", violation.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(violation.Fix));
    }

    [Theory]
    [InlineData("/foo", "/foo", true)]
    [InlineData("/foo", "/foo/bar", true)]
    [InlineData("/foo", "/foo/bar/baz", true)]
    [InlineData("/foo", "/fool", false)]
    [InlineData("/foo", "/foo-bar", false)]
    [InlineData("/foo", "/", false)]
    [InlineData("/foo", "/fo", false)]
    [InlineData("/foo/", "/foo", true)]
    [InlineData("/foo//bar", "/foo/bar/x", true)]
    [InlineData("/foo", "//foo//bar/", true)]
    [InlineData("/foo", "/foo/", true)]
    [InlineData("/foo", "/foo/../etc", false)]
    [InlineData("/foo", "/foo/..", false)]
    [InlineData("/foo", "/foo/./bar", false)]
    [InlineData("/foo", "/foo/..bar", true)]
    [InlineData("/foo", "foo/bar", false)]
    [InlineData("/foo", "", false)]
    [InlineData("/", "/etc/shadow", true)]
    [InlineData("/", "/etc/../root", false)]
    [InlineData("/Foo", "/foo", false)]
    public void A_prefix_matches_whole_segments_after_slashes_are_cleaned(string prefix, string path, bool allowed) =>
        Assert.Equal(allowed, Judge(Allowing($"{{pathPrefix: \"{prefix}\"}}"), WithHostPath(path)).Count == 0);

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void A_read_only_entry_requires_a_read_only_mount(bool? mountReadOnly, bool allowed)
    {
        var violations = Judge(Allowing("{pathPrefix: /data, readOnly: true}"), WithHostPath("/data/x", mountReadOnly));

        Assert.Equal(allowed, violations.Count == 0);
        Assert.All(violations, v => Assert.Contains("allowed only read-only, but containers[0] ('app') mounts it writable", v.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData(null)]
    public void A_read_write_entry_imposes_nothing_on_the_mount(bool? mountReadOnly) =>
        Assert.Empty(Judge(Allowing("{pathPrefix: /data, readOnly: false}"), WithHostPath("/data/x", mountReadOnly)));

    [Theory]
    [InlineData("containers", "containers[0] ('app')")]
    [InlineData("initContainers", "initContainers[0] ('init')")]
    [InlineData("ephemeralContainers", "ephemeralContainers[0] ('debug')")]
    public void Read_only_is_required_of_every_mount_in_every_kind_of_container(string writer, string named)
    {
        string ReadOnly(string group) => group == writer ? "false" : "true";
        var pod = Spec($$"""
            {
              "containers": [ { "name": "app", "image": "a", "volumeMounts": [ { "name": "v", "readOnly": {{ReadOnly("containers")}} }, { "name": "other" } ] } ],
              "initContainers": [ { "name": "init", "image": "a", "volumeMounts": [ { "name": "v", "readOnly": {{ReadOnly("initContainers")}} } ] } ],
              "ephemeralContainers": [ { "name": "debug", "image": "a", "volumeMounts": [ { "name": "v", "readOnly": {{ReadOnly("ephemeralContainers")}} } ] } ],
              "volumes": [ { "name": "v", "hostPath": { "path": "/data" } }, { "name": "other", "emptyDir": {} } ]
            }
            """);

        var violation = Assert.Single(Judge(Allowing("{pathPrefix: /data, readOnly: true}"), pod));

        Assert.Contains($"but {named} mounts it writable", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_entry_is_satisfied_when_every_mount_is_read_only_or_none_exists()
    {
        var pod = Spec("""
            {
              "containers": [ { "name": "app", "image": "a", "volumeMounts": [ { "name": "v", "readOnly": true }, { "name": "v", "readOnly": true } ] } ],
              "initContainers": [ { "name": "init", "image": "a", "volumeMounts": [ { "name": "v", "readOnly": true } ] } ],
              "volumes": [ { "name": "v", "hostPath": { "path": "/data" } }, { "name": "unmounted", "hostPath": { "path": "/data/y" } } ]
            }
            """);

        Assert.Empty(Judge(Allowing("{pathPrefix: /data, readOnly: true}"), pod));
    }

    [Theory]
    [InlineData("/var/local/aaa", false, false)]
    [InlineData("/var/local/aaa", true, true)]
    [InlineData("/var/log", false, true)]
    [InlineData("/var", false, true)]
    public void The_longest_matching_prefix_decides(string path, bool mountReadOnly, bool allowed) =>
        Assert.Equal(allowed, Judge(Allowing("{pathPrefix: /var, readOnly: false}, {pathPrefix: /var/local, readOnly: true}"), WithHostPath(path, mountReadOnly)).Count == 0);

    [Fact]
    public void A_longer_read_write_prefix_lifts_a_shorter_read_only_one() =>
        Assert.Empty(Judge(Allowing("{pathPrefix: /var/local, readOnly: false}, {pathPrefix: /var, readOnly: true}"), WithHostPath("/var/local/x", false)));

    [Fact]
    public void Every_hostPath_volume_is_reported_at_its_own_index()
    {
        var pod = Spec("""
            { "volumes": [ { "name": "a", "hostPath": { "path": "/a" } }, { "name": "cfg", "configMap": { "name": "c" } },
                           { "name": "b", "hostPath": { "path": "/b" } }, { "name": "ok", "hostPath": { "path": "/allowed/x" } } ] }
            """);

        var violations = Judge(Allowing("{pathPrefix: /allowed}"), pod);

        Assert.Equal(["spec.volumes[0]", "spec.volumes[2]"], violations.Select(v => v.Path));
    }

    [Fact]
    public void A_prefix_that_names_a_parent_directory_is_refused_when_loading()
    {
        var error = Assert.Throws<PolicyException>(() => Allowing("{pathPrefix: /var/../etc}"));

        Assert.Contains("rules.host-path.allowedHostPaths[0].pathPrefix: '/var/../etc' must be an absolute path", error.Errors[0], StringComparison.Ordinal);
    }
}
