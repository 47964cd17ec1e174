namespace Pinned.Policy.Tests.Configuration;

/// <summary>Policy files on disk, YAML and JSON, as `pinned serve --config` and `pinned check --config` read them.</summary>
public sealed class PolicyFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pinned-policy-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void No_file_gives_the_defaults_of_the_spec()
    {
        var policy = PolicyLoader.Load(null);

        Assert.Equal(RuleAction.Enforce, policy.Mode);
        Assert.Empty(policy.ExemptNamespaces);
        Assert.Equal((RuleAction.Enforce, 0), (policy.ImageDigest.Action, policy.ImageDigest.ExemptImages.Count));
        Assert.Equal((RuleAction.Enforce, 0), (policy.MutableTag.Action, policy.MutableTag.ExemptImages.Count));
        Assert.Equal(["latest"], policy.MutableTag.MutableTags);
        Assert.Equal((RuleAction.Enforce, 0), (policy.HostPath.Action, policy.HostPath.AllowedHostPaths.Count));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)), (policy.Registry.Timeout, policy.Registry.CacheTtl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("{}")]
    public void An_empty_file_gives_the_defaults(string text)
    {
        var policy = PolicyLoader.Load(Write("empty.yaml", text));

        Assert.Equal(RuleAction.Enforce, policy.Mode);
        Assert.Equal(["latest"], policy.MutableTag.MutableTags);
    }

    [Fact]
    public void The_example_of_the_spec_loads_from_YAML()
    {
        var policy = PolicyLoader.Load(Write("policy.yaml", """
            mode: audit                   # dry-run first
            exemptNamespaces: [pinned-system, kube-system]
            rules:
              image-digest: { action: enforce, exemptImages: ["registry.k8s.io/pause:*"] }
              mutable-tag:  { action: warn, mutableTags: [latest, edge], exemptImages: [] }
              host-path:
                action: enforce
                allowedHostPaths:
                  - pathPrefix: /var/log
                    readOnly: true
                  - { pathPrefix: /data }
            registry:
              insecure: ["localhost:5000"]
              timeout: 500ms
              cacheTtl: 1h
            """));

        Assert.Equal(RuleAction.Audit, policy.Mode);
        Assert.Equal(["pinned-system", "kube-system"], policy.ExemptNamespaces);
        Assert.Equal(["registry.k8s.io/pause:*"], policy.ImageDigest.ExemptImages);
        Assert.Equal(RuleAction.Warn, policy.MutableTag.Action);
        Assert.Equal(["latest", "edge"], policy.MutableTag.MutableTags);
        Assert.Equal([new AllowedHostPath("/var/log", true), new AllowedHostPath("/data", false)], policy.HostPath.AllowedHostPaths);
        Assert.Equal(["localhost:5000"], policy.Registry.Insecure);
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1)), (policy.Registry.Timeout, policy.Registry.CacheTtl));
        Assert.True(policy.IsNamespaceExempt("kube-system"));
        Assert.False(policy.IsNamespaceExempt("Kube-System"));
    }

    [Fact]
    public void The_same_policy_loads_from_JSON()
    {
        var policy = PolicyLoader.Load(Write("policy.json", """
            {
              "mode": "warn",
              "rules": {
                "mutable-tag": { "mutableTags": ["latest", "stable"] },
                "host-path": { "allowedHostPaths": [ { "pathPrefix": "/var/log", "readOnly": true } ] }
              }
            }
            """));

        Assert.Equal(RuleAction.Warn, policy.Mode);
        Assert.Equal(["latest", "stable"], policy.MutableTag.MutableTags);
        Assert.Equal([new AllowedHostPath("/var/log", true)], policy.HostPath.AllowedHostPaths);
    }

    [Fact]
    public void The_audit_section_is_off_by_default_and_reads_every_key()
    {
        var defaults = PolicyLoader.Parse("mode: enforce").Audit;
        Assert.Equal((false, TimeSpan.FromMinutes(10), 0.1, false, TimeSpan.FromSeconds(15), 100),
            (defaults.Enabled, defaults.Interval, defaults.Jitter, defaults.Reports, defaults.LeaseDuration, defaults.MetricNamespaces));

        var audit = PolicyLoader.Load(Write("audit.yaml", """
            audit:
              enabled: true
              interval: 90s
              jitter: 0
              reports: true
              leaseDuration: 3s
              metricNamespaces: 20
            """)).Audit;
        Assert.Equal((true, TimeSpan.FromSeconds(90), 0.0, true, TimeSpan.FromSeconds(3), 20),
            (audit.Enabled, audit.Interval, audit.Jitter, audit.Reports, audit.LeaseDuration, audit.MetricNamespaces));
    }

    [Fact]
    public void An_empty_mutableTags_list_means_none_not_the_default()
    {
        Assert.Empty(PolicyLoader.Load(Write("p.yaml", "rules: { mutable-tag: { mutableTags: [] } }")).MutableTag.MutableTags);
        Assert.Equal(["latest"], PolicyLoader.Load(Write("q.yaml", "rules: { mutable-tag: { action: audit } }")).MutableTag.MutableTags);
    }

    [Fact]
    public void A_missing_file_is_an_error_that_names_it()
    {
        var missing = Path.Combine(_dir.FullName, "nope.yaml");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read the policy file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode: [unclosed", "not valid YAML or JSON")]
    [InlineData("{\"mode\": \"audit\"", "not valid YAML or JSON")]
    [InlineData("- mode: audit", "the policy must be a map")]
    [InlineData("just a string", "the policy must be a map")]
    [InlineData("mode: audit\n---\nmode: warn\n", "holds one document, found 2")]
    [InlineData("mode: audit\nmode: warn\n", "not valid YAML or JSON")]
    public void A_file_that_is_not_one_map_is_refused_with_its_location(string text, string why)
    {
        var path = Write("bad.yaml", text);

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_YAML_alias_bomb_is_refused_instead_of_expanding_for_ever()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(0, 12).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n"));
        var path = Write("bomb.yaml", bomb);

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));

        Assert.Contains("more than 10000 settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_a_string_is_refused_with_its_line()
    {
        var path = Write("key.yaml", "mode: audit\n[a, b]: c\n");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));

        Assert.Contains($"{path}:2: a key must be a plain string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_replace_single_keys_of_the_file_and_the_last_one_wins()
    {
        var path = Write("policy.yaml", """
            mode: enforce
            rules:
              mutable-tag: { action: enforce, mutableTags: [latest, edge] }
              host-path: { allowedHostPaths: [ { pathPrefix: /var/log, readOnly: true } ] }
            """);

        var policy = PolicyLoader.Load(path,
        [
            new("mode", "warn"),
            new("mode", "audit"),
            new("rules:mutable-tag:mutableTags:1", "stable"),
            new("rules:host-path:allowedHostPaths:0:readOnly", "false"),
            new("Rules:Image-Digest:Action", "disabled"),
        ]);

        Assert.Equal(RuleAction.Audit, policy.Mode);
        Assert.Equal(["latest", "stable"], policy.MutableTag.MutableTags);
        Assert.Equal([new AllowedHostPath("/var/log", false)], policy.HostPath.AllowedHostPaths);
        Assert.Equal(RuleAction.Disabled, policy.ImageDigest.Action);
        Assert.Equal(RuleAction.Enforce, policy.MutableTag.Action);
    }

    [Fact]
    public void An_override_can_fill_a_list_the_file_left_empty()
    {
        var policy = PolicyLoader.Load(Write("policy.yaml", "exemptNamespaces: []"), [new("exemptNamespaces:0", "monitoring")]);

        Assert.Equal(["monitoring"], policy.ExemptNamespaces);
    }

    [Fact]
    public void Overrides_are_validated_like_the_file()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(null, [new("rules:host-path:action", "deny")]));

        Assert.Equal(["rules.host-path.action: 'deny' must be one of enforce, audit, warn, disabled"], error.Errors);
    }
}
