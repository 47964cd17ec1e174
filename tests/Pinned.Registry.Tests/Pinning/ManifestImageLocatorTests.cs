using Pinned.Pinning;
using YamlDotNet.Core;

namespace Pinned.Registry.Tests.Pinning;

public sealed class ManifestImageLocatorTests
{
    [Fact]
    public void Finds_every_container_group_and_image_volumes_under_the_kinds_pod_spec_path()
    {
        const string text = """
            kind: CronJob
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers: [{name: i, image: init:1}]
                      containers:
                        - name: c
                          image: app:1
                      ephemeralContainers:
                        - {name: e, image: "debug:1"}
                      volumes:
                        - name: v
                          image: {reference: 'data:1'}
                        - name: host
                          hostPath: {path: /x}
            """;

        var found = ManifestImageLocator.Locate(text);

        Assert.Equal(
            [
                ("init:1", "spec.jobTemplate.spec.template.spec.initContainers[0].image"),
                ("app:1", "spec.jobTemplate.spec.template.spec.containers[0].image"),
                ("debug:1", "spec.jobTemplate.spec.template.spec.ephemeralContainers[0].image"),
                ("data:1", "spec.jobTemplate.spec.template.spec.volumes[0].image.reference"),
            ],
            found.Select(s => (s.Value, s.Path)));
    }

    [Fact]
    public void Ignores_kinds_without_a_pod_spec_and_images_outside_the_pod_spec()
    {
        const string text = """
            kind: ConfigMap
            data: {image: "nginx"}
            ---
            kind: Deployment
            metadata: {annotations: {image: nginx}}
            spec:
              containers: [{image: not-here}]
              template: {spec: {containers: [{image: here}]}}
            """;

        Assert.Equal(["here"], ManifestImageLocator.Locate(text).Select(s => s.Value));
        Assert.Equal("[doc 1] spec.template.spec.containers[0].image", ManifestImageLocator.Locate(text)[0].Path);
    }

    [Fact]
    public void Finds_images_in_list_items_with_their_own_kind_and_in_typed_lists()
    {
        const string text = """
            {"kind": "List", "items": [
              {"kind": "Pod", "spec": {"containers": [{"name": "a", "image": "a:1"}]}},
              {"kind": "Service", "spec": {"ports": []}}]}
            ---
            kind: PodList
            items:
            - spec: {containers: [{image: b:1}]}
            """;

        Assert.Equal(
            [("a:1", "[doc 0] items[0].spec.containers[0].image"), ("b:1", "[doc 1] items[0].spec.containers[0].image")],
            ManifestImageLocator.Locate(text).Select(s => (s.Value, s.Path)));
    }

    [Theory]
    [InlineData("image: nginx:1.27   # note\n", "nginx:1.27", ScalarStyle.Plain)]
    [InlineData("image: \"nginx:1.27\"\n", "\"nginx:1.27\"", ScalarStyle.DoubleQuoted)]
    [InlineData("image: 'nginx:1.27'\n", "'nginx:1.27'", ScalarStyle.SingleQuoted)]
    [InlineData("image: nginx\r\n", "nginx", ScalarStyle.Plain)]
    public void Scalar_offsets_cover_exactly_the_written_token(string line, string token, ScalarStyle style)
    {
        var text = "kind: Pod\nspec:\n  containers:\n  - " + line;

        var scalar = Assert.Single(ManifestImageLocator.Locate(text));

        Assert.Equal(token, text[scalar.Start..scalar.End]);
        Assert.Equal(style, scalar.Style);
        Assert.Equal((4, 12), (scalar.Line, scalar.Column));
    }

    [Fact]
    public void Null_images_are_skipped_and_invalid_text_throws()
    {
        Assert.Empty(ManifestImageLocator.Locate("kind: Pod\nspec: {containers: [{image: }, {image: ~}]}\n"));
        Assert.ThrowsAny<YamlException>(() => ManifestImageLocator.Locate("kind: Pod\nspec: {containers: [\n"));
    }
}
