using System.Text.Json;
using Pinned.Mutation;
using Pinned.Policy;
using Pinned.Registry.Tests.Infrastructure;

namespace Pinned.Registry.Tests.Mutation;

/// <summary>The mutating webhook's patch, resolving against the real plain-HTTP registry.</summary>
public sealed class ImagePinPatcherTests(RegistryEnvironment env) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private DigestResolver _resolver = null!;
    private string _image = "";
    private string _digest = "";

    public async ValueTask InitializeAsync()
    {
        var repository = Registries.NewRepository();
        _digest = await Registries.Plain(env, _http).PushImageAsync(repository, "1.0");
        _image = $"{env.Plain}/{repository}:1.0";
        _resolver = new DigestResolver(new RegistryClientOptions { Timeout = TestBudget.Registry, Insecure = [env.Plain] });
    }

    [Fact]
    public async Task Pins_every_unpinned_image_of_a_deployment_and_warns_about_the_unresolvable()
    {
        var missing = $"{env.Plain}/pinned-test/absent:1";
        var pinned = $"{_image}@sha256:{new string('a', 64)}";
        var deployment = Json($$"""
            {"kind": "Deployment", "spec": {"template": {"spec": {
              "initContainers": [{"name": "i", "image": "{{_image}}"}],
              "containers": [{"name": "a", "image": "{{pinned}}"}, {"name": "b", "image": "{{missing}}"}, {"name": "c", "image": "Not Valid"}],
              "volumes": [{"name": "v", "image": {"reference": "{{_image}}"} }] } } } }
            """);

        var patch = await new ImagePinPatcher(_resolver).CreateAsync(deployment, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new("replace", "/spec/template/spec/initContainers/0/image", $"{_image}@{_digest}"),
                new("replace", "/spec/template/spec/volumes/0/image/reference", $"{_image}@{_digest}"),
            ],
            patch.Operations.OrderBy(o => o.Path, StringComparer.Ordinal));
        var warning = Assert.Single(patch.Warnings);
        Assert.StartsWith($"pinned: spec.template.spec.containers[1].image not pinned: cannot resolve {missing} at {env.Plain}: not found", warning);
    }

    [Fact]
    public async Task On_update_only_images_the_update_introduces_are_pinned()
    {
        var old = Json($$"""{"kind": "Pod", "spec": {"containers": [{"name": "a", "image": "{{_image}}"}] } }""");
        var updated = Json($$"""{"kind": "Pod", "spec": {"containers": [{"name": "a", "image": "{{_image}}"}], "ephemeralContainers": [{"name": "d", "image": "{{_image}}"}] } }""");

        var patch = await new ImagePinPatcher(_resolver).CreateAsync(updated, old, "Pod", TestContext.Current.CancellationToken);

        var operation = Assert.Single(patch.Operations);
        Assert.Equal("/spec/ephemeralContainers/0/image", operation.Path);
    }

    [Fact]
    public async Task Objects_without_a_pod_spec_get_no_patch()
    {
        var patch = await new ImagePinPatcher(_resolver).CreateAsync(Json("""{"kind": "ConfigMap", "data": {"image": "nginx"}}"""), null, null, TestContext.Current.CancellationToken);

        Assert.Same(ImagePatch.Empty, patch);
    }

    private static DecodedObject Json(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        reader.Read();
        return StreamingWorkloadReader.Read(ref reader);
    }

    public ValueTask DisposeAsync()
    {
        _resolver.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
