using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// One pod of the chart's Deployment as the stand-in kubelet runs it: the build's pinned.dll with
/// the container's args and env, its Secret and ConfigMap volumes written to a folder (the mount
/// paths in the args rewritten to it), listening on a free loopback port instead of the pod IP.
/// </summary>
public sealed class PodProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _root;
    private readonly ConcurrentQueue<string> _output = new();

    private PodProcess(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static PodProcess Start(V1PodSpec spec, IReadOnlyDictionary<string, V1Secret> secrets, IReadOnlyDictionary<string, V1ConfigMap> configMaps)
    {
        var container = spec.Containers.Single();
        var root = Directory.CreateTempSubdirectory("pinned-pod-").FullName;
        var mounts = new List<(string MountPath, string Local)>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = spec.Volumes.Single(v => v.Name == mount.Name);
            var local = Path.Combine(root, mount.Name);
            Directory.CreateDirectory(local);
            if (volume.Secret is { } secret)
            {
                foreach (var (key, value) in secrets[secret.SecretName].Data ?? new Dictionary<string, byte[]>())
                {
                    File.WriteAllBytes(Path.Combine(local, key), value);
                }
            }
            else if (volume.ConfigMap is { } configMap)
            {
                foreach (var (key, value) in configMaps[configMap.Name].Data ?? new Dictionary<string, string>())
                {
                    File.WriteAllText(Path.Combine(local, key), value);
                }
            }

            mounts.Add((mount.MountPath.TrimEnd('/') + "/", local + "/"));
        }

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pinned.dll"));
        info.ArgumentList.Add("serve");
        var args = container.Args ?? [];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--port" && i + 1 < args.Count)
            {
                info.ArgumentList.Add(arg);
                info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
                i++;
                continue;
            }

            var mount = mounts.FirstOrDefault(m => arg.StartsWith(m.MountPath, StringComparison.Ordinal));
            info.ArgumentList.Add(mount.MountPath is null ? arg : mount.Local + arg[mount.MountPath.Length..]);
        }

        info.ArgumentList.Add("--address");
        info.ArgumentList.Add("127.0.0.1");
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("PINNED_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var env in container.Env ?? [])
        {
            if (env.Value is not null)
            {
                info.Environment[env.Name] = env.Value;
            }
        }

        return new PodProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), root, port);
    }

    /// <summary>The kubelet's HTTPS readiness probe (no certificate check, as the kubelet does).</summary>
    public async Task<bool> IsReadyAsync(string path, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{path}"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as the kubelet stops a container, and the wait for its drain to end.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            await ChildProcess.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], StopBudget);
            using var deadline = new CancellationTokenSource(StopBudget);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
