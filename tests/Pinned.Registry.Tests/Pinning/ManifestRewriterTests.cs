using Pinned.Pinning;

namespace Pinned.Registry.Tests.Pinning;

public sealed class ManifestRewriterTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [Fact]
    public void Appends_digests_and_keeps_every_other_byte()
    {
        const string text = "# keep\r\nkind: Pod   # c\r\nspec:\r\n  containers:\r\n  - image: nginx:1.27 # tag kept\r\n" +
                            "  - {name: b, image: \"busybox\"}\r\n  - image: 'x/y:2'\r\n";

        var result = Pin(text, D1, D2, D1);

        Assert.Equal("# keep\r\nkind: Pod   # c\r\nspec:\r\n  containers:\r\n" +
                     $"  - image: nginx:1.27@{D1} # tag kept\r\n  - {{name: b, image: \"busybox@{D2}\"}}\r\n  - image: 'x/y:2@{D1}'\r\n", result);
    }

    [Fact]
    public void Rewrites_json_in_place()
    {
        const string text = "{\n  \"kind\": \"Pod\",\n  \"spec\": {\"containers\": [{\"image\": \"nginx\"}]}\n}\n";

        Assert.Equal($"{{\n  \"kind\": \"Pod\",\n  \"spec\": {{\"containers\": [{{\"image\": \"nginx@{D1}\"}}]}}\n}}\n", Pin(text, D1));
    }

    [Fact]
    public void An_image_on_a_yaml_anchor_is_pinned_once_for_every_alias()
    {
        const string text = "kind: Pod\nspec:\n  containers:\n  - image: &img app:1\n  - image: *img\n";

        Assert.Equal($"kind: Pod\nspec:\n  containers:\n  - image: &img app:1@{D1}\n  - image: *img\n", Pin(text, D1));
    }

    private static string Pin(string text, params string[] digests)
    {
        var scalars = ManifestImageLocator.Locate(text);
        Assert.Equal(digests.Length, scalars.Count);
        return ManifestRewriter.Apply(text, [.. scalars.Zip(digests)]);
    }
}
