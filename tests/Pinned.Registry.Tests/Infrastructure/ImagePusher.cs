using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// Pushes small but valid images over the distribution API (monolithic blob uploads, then
/// manifests), so the registry stores exactly what a real push stores. Returns digests as the
/// registry reports them in Docker-Content-Digest.
/// </summary>
public sealed class ImagePusher(HttpClient http, Uri registry, Func<string, AuthenticationHeaderValue?> authorize)
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>A single-platform image; every call makes different content, so a new digest.</summary>
    public async Task<string> PushImageAsync(string repository, string reference, string mediaType = OciManifest, string architecture = "amd64")
    {
        var (body, _) = await BuildImageAsync(repository, mediaType, architecture);
        return await PutManifestAsync(repository, reference, mediaType, body);
    }

    /// <summary>A multi-arch image: one manifest per platform (pushed by digest), then the index
    /// under the tag. Returns the index digest and the platform digests.</summary>
    public async Task<(string Index, string[] Platforms)> PushIndexAsync(string repository, string tag, bool oci = true)
    {
        var manifestType = oci ? OciManifest : DockerManifest;
        var entries = new List<object>();
        var platforms = new List<string>();
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var (body, digest) = await BuildImageAsync(repository, manifestType, architecture);
            await PutManifestAsync(repository, digest, manifestType, body);
            platforms.Add(digest);
            entries.Add(new { mediaType = manifestType, digest, size = body.Length, platform = new { architecture, os = "linux" } });
        }
        var indexType = oci ? OciIndex : DockerList;
        var index = JsonSerializer.SerializeToUtf8Bytes(new { schemaVersion = 2, mediaType = indexType, manifests = entries });
        return (await PutManifestAsync(repository, tag, indexType, index), [.. platforms]);
    }

    private async Task<(byte[] Body, string Digest)> BuildImageAsync(string repository, string mediaType, string architecture)
    {
        var oci = mediaType == OciManifest;
        var layer = RandomNumberGenerator.GetBytes(64);
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture,
            os = "linux",
            config = new { Labels = new Dictionary<string, string> { ["nonce"] = Guid.NewGuid().ToString() } },
            rootfs = new { type = "layers", diff_ids = new[] { Digest(layer) } },
        });
        await PushBlobAsync(repository, layer);
        await PushBlobAsync(repository, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType,
            config = new
            {
                mediaType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json",
                digest = Digest(config),
                size = config.Length,
            },
            layers = new[]
            {
                new
                {
                    mediaType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    digest = Digest(layer),
                    size = layer.Length,
                },
            },
        });
        return (manifest, Digest(manifest));
    }

    private async Task PushBlobAsync(string repository, byte[] content)
    {
        using var start = Request(HttpMethod.Post, new Uri(registry, $"v2/{repository}/blobs/uploads/"), repository);
        using var started = await http.SendAsync(start);
        await EnsureAsync(started, "start blob upload");
        var location = started.Headers.Location ?? throw new InvalidOperationException("upload without Location");
        var upload = location.IsAbsoluteUri ? location : new Uri(registry, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var put = Request(HttpMethod.Put, new Uri(upload + separator + "digest=" + Uri.EscapeDataString(Digest(content))), repository);
        put.Content = new ByteArrayContent(content);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.SendAsync(put);
        await EnsureAsync(done, "finish blob upload");
    }

    private async Task<string> PutManifestAsync(string repository, string reference, string mediaType, byte[] body)
    {
        using var put = Request(HttpMethod.Put, new Uri(registry, $"v2/{repository}/manifests/{reference}"), repository);
        put.Content = new ByteArrayContent(body);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.SendAsync(put);
        await EnsureAsync(response, $"put manifest {repository}:{reference}");
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri, string repository) =>
        new(method, uri) { Headers = { Authorization = authorize(repository) } };

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
