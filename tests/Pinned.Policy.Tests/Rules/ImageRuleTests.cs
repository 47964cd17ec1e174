using static Pinned.Policy.Tests.Rules.Pods;

namespace Pinned.Policy.Tests.Rules;

public sealed class ImageRuleTests
{
    [Theory]
    [InlineData("nginx", true, true)]
    [InlineData("nginx:1.27", true, false)]
    [InlineData("nginx:latest", true, true)]
    [InlineData("localhost:5000/app", true, true)]
    [InlineData("nginx" + AtDigest, false, false)]
    [InlineData("nginx:latest" + AtDigest, false, false)]
    [InlineData("registry.example.com/app:1.2" + AtDigest, false, false)]
    [InlineData("Not A Reference", true, false)]
    [InlineData("nginx@sha256:abc", true, false)]
    [InlineData("NGINX:latest", true, false)]
    public void Each_image_rule_sees_only_its_own_problem(string image, bool imageDigest, bool mutableTag)
    {
        var violations = Judge(PolicyOptions.Default, WithImages(image));

        Assert.Equal(imageDigest, violations.Any(v => v.RuleId == RuleIds.ImageDigest));
        Assert.Equal(mutableTag, violations.Any(v => v.RuleId == RuleIds.MutableTag));
    }

    [Theory]
    [InlineData("Nginx", "must be lowercase")]
    [InlineData("app@sha256:abc", "has 3 hex digits; it needs exactly 64")]
    [InlineData("app@md5:d41d8cd98f00b204e9800998ecf8427e", "'md5' is not supported")]
    [InlineData("", "the reference is empty")]
    public void An_invalid_reference_is_an_image_digest_violation_that_says_why(string image, string why)
    {
        var violation = Assert.Single(Judge(PolicyOptions.Default, WithImages(image)));

        Assert.Equal(RuleIds.ImageDigest, violation.RuleId);
        Assert.Equal(image, violation.Image);
        Assert.Contains("is not a valid reference", violation.Message, StringComparison.Ordinal);
        Assert.Contains(why, violation.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(violation.Fix));
    }

    [Fact]
    public void An_unpinned_image_gets_a_message_and_a_fix_hint()
    {
        var violation = Judge(PolicyOptions.Default, WithImages("nginx:1.27")).Single(v => v.RuleId == RuleIds.ImageDigest);

        Assert.Equal("spec.containers[0].image", violation.Path);
        Assert.Contains("not pinned by digest", violation.Message, StringComparison.Ordinal);
        Assert.Contains("nginx:1.27@sha256:", violation.Fix, StringComparison.Ordinal);
        Assert.Equal(
            "[image-digest] spec.containers[0].image: image 'nginx:1.27' is not pinned by digest, so the registry can change what it runs — " + violation.Fix,
            violation.ToString());
        Assert.Equal(violation.ToString().Length, violation.LineLength);
    }

    [Theory]
    [InlineData("app:latest", true)]
    [InlineData("app:LATEST", true)]
    [InlineData("app:Latest", true)]
    [InlineData("app", true)]
    [InlineData("app:1.0", false)]
    [InlineData("app:latest-1", false)]
    public void The_default_mutable_tag_is_latest_compared_case_insensitively(string image, bool denied) =>
        Assert.Equal(denied, Judge(Only(RuleIds.MutableTag), WithImages(image)).Count == 1);

    [Theory]
    [InlineData("app:edge", true)]
    [InlineData("app:EDGE", true)]
    [InlineData("app:main", true)]
    [InlineData("app:latest", false)]
    [InlineData("app", true)]
    [InlineData("app:edge" + AtDigest, false)]
    public void A_custom_mutableTags_list_replaces_latest_and_a_missing_tag_still_counts(string image, bool denied) =>
        Assert.Equal(denied, Judge(Only(RuleIds.MutableTag, ", mutableTags: [edge, Main]"), WithImages(image)).Count == 1);

    [Theory]
    [InlineData("app:latest", false)]
    [InlineData("app", true)]
    public void An_empty_mutableTags_list_leaves_only_the_missing_tag(string image, bool denied) =>
        Assert.Equal(denied, Judge(Only(RuleIds.MutableTag, ", mutableTags: []"), WithImages(image)).Count == 1);

    [Fact]
    public void Mutable_tag_messages_tell_a_missing_tag_from_a_listed_one()
    {
        var violations = Judge(Only(RuleIds.MutableTag), WithImages("app", "app:latest"));

        Assert.Contains("has no tag, so it runs whatever 'latest' points to", violations[0].Message, StringComparison.Ordinal);
        Assert.Contains("uses the mutable tag 'latest'", violations[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry.k8s.io/pause:*", "registry.k8s.io/pause:3.9", true)]
    [InlineData("registry.k8s.io/*", "registry.k8s.io/pause:3.9", true)]
    [InlineData("registry.k8s.io/*", "registry.k8s.io/sig/pause:3.9", false)]
    [InlineData("registry.k8s.io/**", "registry.k8s.io/sig/pause:3.9", true)]
    [InlineData("nginx:*", "nginx:1.27", true)]
    [InlineData("nginx:*", "docker.io/library/nginx:1.27", true)]
    [InlineData("nginx:*", "index.docker.io/nginx:1.27", true)]
    [InlineData("nginx:*", "nginx", false)]
    [InlineData("nginx:*", "mirror.io/nginx:1.27", false)]
    [InlineData("nginx", "nginx", true)]
    [InlineData("nginx", "nginx:1.27", false)]
    [InlineData("docker.io/nginx:*", "nginx:1.27", true)]
    [InlineData("index.docker.io/nginx:*", "nginx:1.27", true)]
    [InlineData("team/*", "team/api:1", true)]
    [InlineData("team/*", "docker.io/team/api:1", true)]
    [InlineData("team/*", "other/api:1", false)]
    [InlineData("*", "busybox:1", true)]
    [InlineData("*", "team/api:1", false)]
    [InlineData("**", "registry.example.com/a/b/c:1", true)]
    [InlineData("**/pause:*", "registry.k8s.io/pause:3.9", true)]
    [InlineData("openpolicyagent/opa-exp:latest", "openpolicyagent/opa-exp:latest", true)]
    [InlineData("openpolicyagent/opa-exp:latest", "openpolicyagent/opa-exp2:latest", false)]
    [InlineData("localhost:5000/*", "localhost:5000/app", true)]
    [InlineData("Registry/*", "Registry/app:1", true)]
    [InlineData("registry.k8s.io/pause:*", "registry.k8s.io/pause", false)]
    [InlineData("ghcr.io/org/*:v*", "ghcr.io/org/app:v2", true)]
    [InlineData("ghcr.io/org/*:v*", "ghcr.io/org/app:2", false)]
    public void ExemptImages_globs_match_the_whole_normalised_reference(string pattern, string image, bool exempt)
    {
        var policy = PolicyFrom($$"""
            rules:
              image-digest: { exemptImages: ["{{pattern}}"] }
              mutable-tag: { exemptImages: ["{{pattern}}"], mutableTags: [latest, "3.9", "1", "1.27", v2, "2"] }
              host-path: { action: disabled }
            """);

        var violations = Judge(policy, WithImages(image));

        Assert.Equal(exempt, violations.Count == 0);
        Assert.True(exempt || violations.Count == 2, string.Join('\n', violations));
    }

    [Fact]
    public void An_exemption_never_covers_an_invalid_reference()
    {
        var policy = PolicyFrom("""rules: { image-digest: { exemptImages: ["**"] } }""");

        var violation = Assert.Single(Judge(policy, WithImages("Not A Reference")));
        Assert.Equal(RuleIds.ImageDigest, violation.RuleId);
    }

    [Fact]
    public void Exemptions_belong_to_their_rule_only()
    {
        var policy = PolicyFrom("""rules: { mutable-tag: { exemptImages: ["nginx"] } }""");

        var violation = Assert.Single(Judge(policy, WithImages("nginx")));
        Assert.Equal(RuleIds.ImageDigest, violation.RuleId);
    }

    [Fact]
    public void A_pathological_glob_answers_quickly_instead_of_backtracking_for_ever()
    {
        var glob = ImageGlob.Create("**a**a**a**a**a**a**a**a**b");
        var text = "docker.io/library/" + new string('a', 200) + ":" + new string('a', 128);

        Assert.False(glob.IsMatch(text));
        Assert.True(ImageGlob.Create("**a**a**a**a**a**a**a**a**").IsMatch(text));
    }

    [Fact]
    public void Image_volumes_are_judged_like_containers()
    {
        var pod = Spec("""{"volumes":[{"name":"data","image":{"reference":"data:latest"}},{"name":"ok","image":{"reference":"data""" + AtDigest + "\"}}]}");

        var violations = Judge(PolicyOptions.Default, pod);

        Assert.Equal(
            [("image-digest", "spec.volumes[0].image.reference", "data:latest"), ("mutable-tag", "spec.volumes[0].image.reference", "data:latest")],
            violations.Select(v => (v.RuleId, v.Path, v.Image)));
    }
}
