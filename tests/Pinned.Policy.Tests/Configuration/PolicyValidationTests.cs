namespace Pinned.Policy.Tests.Configuration;

/// <summary>Every bad policy is refused at start with errors that name the key and the bad value.</summary>
public sealed class PolicyValidationTests
{
    public static TheoryData<string, string> BadPolicies => new()
    {
        // Actions and mode.
        { "mode: enforcing", "mode: 'enforcing' must be one of enforce, audit, warn, disabled" },
        { "mode: disabled", "mode: 'disabled' must be one of enforce, audit, warn (disable rules one by one instead)" },
        { "mode: [audit]", "mode: must be a single value, not a list or map" },
        { "rules: { image-digest: { action: deny } }", "rules.image-digest.action: 'deny' must be one of enforce, audit, warn, disabled" },
        { "rules: { mutable-tag: { action: off } }", "rules.mutable-tag.action: 'off' must be one of enforce, audit, warn, disabled (YAML reads a bare off as false: write disabled)" },
        { "rules: { mutable-tag: { action: false } }", "rules.mutable-tag.action: 'false' must be one of enforce, audit, warn, disabled (YAML reads a bare off as false: write disabled)" },
        { "rules: { host-path: { action: { value: enforce } } }", "rules.host-path.action: must be a single value, not a list or map" },

        // Unknown keys, at every depth.
        { "mdoe: audit", "mdoe: unknown key (known keys here: mode, exemptNamespaces, rules, registry, mutation, audit)" },
        { "rules: { image-digests: {} }", "rules.image-digests: unknown key (known keys here: image-digest, mutable-tag, host-path)" },
        { "rules: { mutable-tag: { mutableTag: [edge] } }", "rules.mutable-tag.mutableTag: unknown key (known keys here: action, mutableTags, exemptImages)" },
        { "rules: { host-path: { allowedHostPath: [] } }", "rules.host-path.allowedHostPath: unknown key (known keys here: action, allowedHostPaths)" },
        { "rules: { host-path: { allowedHostPaths: [ { pathPrefix: /a, readonly: true, mode: x } ] } }", "rules.host-path.allowedHostPaths[0].mode: unknown key (known keys here: pathPrefix, readOnly)" },
        { "registry: { timeout: 2s, retries: 3 }", "registry.retries: unknown key (known keys here: insecure, caFile, dockerConfig, timeout, cacheTtl)" },
        { "mutation: { enabled: true, dryRun: true }", "mutation.dryRun: unknown key (known keys here: enabled)" },

        // Shapes.
        { "rules: enforce", "rules: 'enforce' must be a map with keys image-digest, mutable-tag, host-path" },
        { "rules: { image-digest: enforce }", "rules.image-digest: 'enforce' must be a map with keys action, exemptImages" },
        { "exemptNamespaces: kube-system", "exemptNamespaces: 'kube-system' must be a list" },
        { "exemptNamespaces: { a: b }", "exemptNamespaces.a: unexpected key in a list" },
        { "rules: { mutable-tag: { mutableTags: latest } }", "rules.mutable-tag.mutableTags: 'latest' must be a list" },
        { "rules: { mutable-tag: { mutableTags: [ [latest] ] } }", "rules.mutable-tag.mutableTags[0]: must be a string" },
        { "rules: { host-path: { allowedHostPaths: /var/log } }", "rules.host-path.allowedHostPaths: '/var/log' must be a list" },
        { "rules: { host-path: { allowedHostPaths: [ /var/log ] } }", "rules.host-path.allowedHostPaths[0]: '/var/log' must be a map with keys pathPrefix, readOnly" },

        // Values.
        { "exemptNamespaces: [Kube-System]", "exemptNamespaces[0]: 'Kube-System' is not a namespace name (lowercase letters, digits and '-', at most 63)" },
        { "exemptNamespaces: [ok, -bad]", "exemptNamespaces[1]: '-bad' is not a namespace name" },
        { "rules: { mutable-tag: { mutableTags: [latest, 'not a tag'] } }", "rules.mutable-tag.mutableTags[1]: 'not a tag' is not a valid tag" },
        { "rules: { image-digest: { exemptImages: ['nginx *'] } }", "rules.image-digest.exemptImages[0]: 'nginx *' must be a non-empty image pattern without spaces" },
        { "rules: { mutable-tag: { exemptImages: [''] } }", "rules.mutable-tag.exemptImages[0]: '' must be a non-empty image pattern without spaces" },
        { "rules: { host-path: { allowedHostPaths: [ { readOnly: true } ] } }", "rules.host-path.allowedHostPaths[0].pathPrefix: is required: an absolute path such as /var/log" },
        { "rules: { host-path: { allowedHostPaths: [ { pathPrefix: var/log } ] } }", "rules.host-path.allowedHostPaths[0].pathPrefix: 'var/log' must be an absolute path without '.' or '..' segments" },
        { "rules: { host-path: { allowedHostPaths: [ { pathPrefix: /a/./b } ] } }", "rules.host-path.allowedHostPaths[0].pathPrefix: '/a/./b' must be an absolute path" },
        { "rules: { host-path: { allowedHostPaths: [ { pathPrefix: /a, readOnly: yes } ] } }", "rules.host-path.allowedHostPaths[0].readOnly: 'yes' must be true or false" },
        { "registry: { insecure: ['http://localhost:5000'] }", "registry.insecure[0]: 'http://localhost:5000' is not a registry host[:port]" },
        { "mutation: { enabled: 1 }", "mutation.enabled: '1' must be true or false" },

        // Durations.
        { "registry: { timeout: fast }", "registry.timeout: 'fast' must be a positive duration such as 500ms, 2s or 10m, at most 1m" },
        { "registry: { timeout: 0s }", "registry.timeout: '0s' must be a positive duration" },
        { "registry: { timeout: -1s }", "registry.timeout: '-1s' must be a positive duration" },
        { "registry: { timeout: 2m }", "registry.timeout: '2m' must be a positive duration such as 500ms, 2s or 10m, at most 1m" },
        { "registry: { cacheTtl: 8d }", "registry.cacheTtl: '8d' must be a positive duration such as 500ms, 2s or 10m, at most 168h" },
        { "registry: { cacheTtl: 2 }", "registry.cacheTtl: '2' must be a positive duration such as 500ms, 2s or 10m" },
        { "registry: { cacheTtl: 99999999999999999h }", "registry.cacheTtl: '99999999999999999h' must be a positive duration" },
        { "registry: { timeout: 1e3ms }", "registry.timeout: '1e3ms' must be a positive duration" },
        { "registry: { timeout: [2s] }", "registry.timeout: must be a single value, not a list or map" },

        // The background audit.
        { "audit: { enable: true }", "audit.enable: unknown key (known keys here: enabled, interval, jitter, reports, leaseDuration, metricNamespaces)" },
        { "audit: true", "audit: 'true' must be a map with keys enabled, interval" },
        { "audit: { enabled: yes please }", "audit.enabled: 'yes please' must be true or false" },
        { "audit: { reports: 1 }", "audit.reports: '1' must be true or false" },
        { "audit: { interval: 10 }", "audit.interval: '10' must be a positive duration such as 500ms, 2s or 10m, at most 24h" },
        { "audit: { interval: 0s }", "audit.interval: '0s' must be a positive duration" },
        { "audit: { interval: 2d }", "audit.interval: '2d' must be a positive duration" },
        { "audit: { jitter: 1.5 }", "audit.jitter: '1.5' must be a fraction from 0 to 1, such as 0.1" },
        { "audit: { jitter: -0.1 }", "audit.jitter: '-0.1' must be a fraction from 0 to 1" },
        { "audit: { leaseDuration: 500ms }", "audit.leaseDuration: '500ms' must be at least 1s" },
        { "audit: { leaseDuration: 1h }", "audit.leaseDuration: '1h' must be a positive duration such as 500ms, 2s or 10m, at most 10m" },
        { "audit: { metricNamespaces: 0 }", "audit.metricNamespaces: '0' must be a whole number from 1 to 10000" },
        { "audit: { metricNamespaces: many }", "audit.metricNamespaces: 'many' must be a whole number from 1 to 10000" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void A_bad_policy_is_refused_with_an_error_naming_the_key_and_value(string yaml, string error)
    {
        var exception = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml));

        Assert.Contains(exception.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
        Assert.Contains(error, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_policy_is_reported_at_once()
    {
        var exception = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("""
            mode: dry-run
            exemptNamespaces: [UPPER]
            rules:
              image-digest: { action: off }
              mutable-tag: { mutableTags: [" "] }
              host-path: { allowedHostPaths: [ { pathPrefix: relative } ], extra: 1 }
            """));

        Assert.Equal(6, exception.Errors.Count);
        Assert.Equal(
            ["mode", "exemptNamespaces[0]", "rules.image-digest.action", "rules.mutable-tag.mutableTags[0]", "rules.host-path.extra", "rules.host-path.allowedHostPaths[0].pathPrefix"],
            exception.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 2s ", 2_000)]
    [InlineData("00:00:02", 2_000)]
    public void Durations_read_as_Kubernetes_and_dotnet_users_write_them(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2d")]
    [InlineData("2S")]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("1e400s")]
    [InlineData("99999999999999999999h")]
    public void Durations_without_a_known_unit_or_out_of_range_are_refused(string text) =>
        Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(2_000, "2s")]
    [InlineData(600_000, "10m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(90_000, "90s")]
    public void Durations_format_back_in_their_largest_whole_unit(int milliseconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("enforce", RuleAction.Enforce)]
    [InlineData(" Audit ", RuleAction.Audit)]
    [InlineData("WARN", RuleAction.Warn)]
    [InlineData("disabled", RuleAction.Disabled)]
    public void Actions_are_read_case_insensitively(string text, RuleAction expected)
    {
        Assert.True(RuleActions.TryParse(text, out var action));
        Assert.Equal(expected, action);
        Assert.Equal(expected, PolicyLoader.Parse($"rules: {{ host-path: {{ action: '{text}' }} }}").HostPath.Action);
    }
}
