using System.Text.Json;

namespace Pinned.Policy.Tests;

public sealed class EngineSmokeTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, null)]
    [InlineData("localhost:5000/app", "localhost:5000", "app", null, null)]
    [InlineData("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null)]
    [InlineData("index.docker.io/nginx:1.27", "docker.io", "library/nginx", "1.27", null)]
    public void Parses_the_parts_of_a_reference(string text, string domain, string path, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal((domain, path, tag, digest), (reference.Domain, reference.Path, reference.Tag, reference.Digest));
    }

    [Fact]
    public void Judges_a_captured_deployment_review()
    {
        var review = JsonDocument.Parse(File.ReadAllText(SharedFiles.Path("admission-reviews/02-deployment-create.json")));
        var obj = review.RootElement.GetProperty("review").GetProperty("request").GetProperty("object");
        var workload = WorkloadDecoder.Decode(obj);

        var result = new PolicyEvaluator(PolicyOptions.Default).Evaluate(workload.PodSpec!);

        Assert.Equal("Deployment", workload.Kind);
        Assert.True(result.Denied);
        Assert.All(result.Violations, v => Assert.StartsWith("spec.template.spec.", v.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_errors_name_the_key_and_the_value()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("""
            mode: enforce
            rules:
              mutable-tag: { action: off }
              host-path: { allowedHostPath: [] }
            """));

        Assert.Contains(error.Errors, e => e.StartsWith("rules.mutable-tag.action: 'off'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("rules.host-path.allowedHostPath: unknown key", StringComparison.Ordinal));
    }
}
