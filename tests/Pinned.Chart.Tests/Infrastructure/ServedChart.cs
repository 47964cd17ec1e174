using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// Runs the real `pinned serve` as the chart's Deployment would: the rendered Secret and
/// ConfigMap are written where the pod mounts them (as the kubelet would), the container's args
/// are passed unchanged except for those paths and a free loopback port, and every HTTPS call
/// trusts only the CA of the webhook configuration's caBundle, for the Service's DNS name.
/// </summary>
internal sealed class ServedChart : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _root;
    private readonly StringBuilder _log = new();

    private ServedChart(Process process, DirectoryInfo root, HttpClient client, int port)
    {
        _process = process;
        _root = root;
        Client = client;
        BaseAddress = new Uri($"https://127.0.0.1:{port}");
    }

    public HttpClient Client { get; }

    public Uri BaseAddress { get; }

    /// <summary>How many server certificates passed the CA + DNS name check.</summary>
    public int TrustedHandshakes { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServedChart> StartAsync(Manifest manifest, string serviceHost)
    {
        var root = Directory.CreateTempSubdirectory("pinned-served-");
        var deployment = manifest.Single("Deployment");
        var container = deployment["spec.template.spec.containers[0]"]!;
        var volumes = deployment["spec.template.spec.volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container["volumeMounts"]!.AsArray())
        {
            var mountPath = (string)mount!["mountPath"]!;
            var local = Path.Combine(root.FullName, mountPath.TrimStart('/'));
            Directory.CreateDirectory(local);
            mounts[mountPath] = local;
            var volume = volumes[(string)mount["name"]!];
            if ((string?)KubeObject.Get(volume, "secret.secretName") is { } secret)
            {
                foreach (var (key, value) in manifest.Single("Secret", secret).Node["data"]!.AsObject())
                {
                    await File.WriteAllBytesAsync(Path.Combine(local, key), Convert.FromBase64String((string)value!));
                }
            }
            else if ((string?)KubeObject.Get(volume, "configMap.name") is { } configMap)
            {
                foreach (var (key, value) in manifest.Single("ConfigMap", configMap).Node["data"]!.AsObject())
                {
                    await File.WriteAllTextAsync(Path.Combine(local, key), (string)value!);
                }
            }
        }

        var port = FreePort();
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--port")
            {
                args[i + 1] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (mounts.Keys.FirstOrDefault(m => args[i].StartsWith(m + "/", StringComparison.Ordinal)) is { } mountPath)
            {
                args[i] = mounts[mountPath] + args[i][mountPath.Length..];
            }
        }

        var caBundle = (string)WebhookEntry.All(manifest)[0].Node["clientConfig"]!["caBundle"]!;
        var ca = CertificateTrust.FromBase64Pem(caBundle);
        var info = new ProcessStartInfo(PinnedExecutable.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in PinnedExecutable.Arguments(["serve", "--address", "127.0.0.1", .. args]))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start pinned serve");
        ServedChart? served = null;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                var trusted = certificate is not null && CertificateTrust.ChainsTo(certificate, ca) && certificate.MatchesHostname(serviceHost);
                if (trusted && served is not null)
                {
                    served.TrustedHandshakes++;
                }

                return trusted;
            },
        };
        served = new ServedChart(process, root, new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) }, port);
        process.OutputDataReceived += (_, e) => served.Append(e.Data);
        process.ErrorDataReceived += (_, e) => served.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await served.WaitUntilReadyAsync();
        return served;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Client.Dispose();
        _root.Delete(recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"pinned serve exited {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"pinned serve never became ready:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
