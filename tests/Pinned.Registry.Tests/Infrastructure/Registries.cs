using System.Net.Http.Headers;
using System.Text;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>Pushers and client settings for the three test registries.</summary>
public static class Registries
{
    /// <summary>A repository no other test touches.</summary>
    public static string NewRepository(string prefix = "pinned-test") => $"{prefix}/r{Guid.NewGuid():N}"[..(prefix.Length + 14)];

    public static HttpClient TrustingClient(RegistryEnvironment env) =>
        new(RegistryHttpHandler.Create(new RegistryClientOptions { Timeout = TestBudget.Registry, CaFile = env.CaFile }));

    public static ImagePusher Plain(RegistryEnvironment env, HttpClient http) =>
        new(http, new Uri($"http://{env.Plain}/"), _ => null);

    public static ImagePusher Tls(RegistryEnvironment env, HttpClient http) =>
        new(http, new Uri($"https://{env.Tls}/"), _ => ImagePusher.Basic(env.User, env.Password));

    public static ImagePusher Token(RegistryEnvironment env, HttpClient http) =>
        new(http, new Uri($"https://{env.Token}/"), repository =>
            new AuthenticationHeaderValue("Bearer", env.TokenServer.Minter.Mint("pusher", [(repository, ["pull", "push"])])));

    /// <summary>A Docker config.json in a temporary file, deleted with the returned handle.</summary>
    public static TempFile DockerConfig(string json) => TempFile.Create(json, ".json");

    public static string AuthEntry(string host, string user, string password) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["auths"] = new Dictionary<string, object>
            {
                [host] = new { auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) },
            },
        });
}

public sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    public static TempFile Create(string content, string extension)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pinned-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return new TempFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
