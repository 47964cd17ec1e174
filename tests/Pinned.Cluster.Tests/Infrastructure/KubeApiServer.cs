using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;

namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>
/// A real kube-apiserver (v1.28.7) with its own etcd, started by ../shared/tools/k8s/kube-up.sh on
/// free loopback ports for one xUnit collection, stopped when the collection ends. Its log and run
/// folder are kept (etcd's data is not) and named in <see cref="LogHint"/> for failure messages.
/// Subclasses choose the flags (RBAC, ValidatingAdmissionPolicy) and are the collection fixtures.
/// </summary>
public class KubeApiServer : IAsyncLifetime
{
    /// <summary>Starting takes ~5 s on an idle machine; a load average of 20 has been seen to need a minute.</summary>
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(240);

    private (string KubeUp, string ApiServer)? _tools;
    private string? _missing;
    private Exception? _startFailure;

    /// <summary>`AlwaysAllow` or `RBAC` (the admin token is in system:masters either way).</summary>
    protected virtual string AuthorizationMode => "AlwaysAllow";

    /// <summary>More kube-apiserver flags, e.g. feature gates.</summary>
    protected virtual string ExtraArgs => "";

    public int Port { get; private set; }

    public string RunDirectory { get; private set; } = "";

    public string KubeconfigPath => Path.Combine(RunDirectory, "kubeconfig");

    public string CaFile => Path.Combine(RunDirectory, "pki", "ca.crt");

    public string AdminToken => File.ReadAllText(Path.Combine(RunDirectory, "pki", "admin.token")).Trim();

    public Uri Url => new($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public string LogHint => $"(kube-apiserver log: {Path.Combine(RunDirectory, "kube-apiserver.log")})";

    /// <summary>Skips or fails the calling test when there is no API server to run; throws if it did not start.</summary>
    public void Require()
    {
        if (_missing is not null)
        {
            ClusterRequirement.Unmet(_missing);
        }

        if (_startFailure is not null)
        {
            throw new InvalidOperationException("the kube-apiserver of this collection did not start " + LogHint, _startFailure);
        }
    }

    /// <summary>A client with the admin credentials of the kubeconfig kube-up.sh wrote.</summary>
    public Kubernetes AdminClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>kubectl against this server (admin), within <paramref name="budget"/> (default 60 s).</summary>
    public Task<CommandResult> KubectlAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? budget = null) =>
        ChildProcess.RunAsync("kubectl", ["--kubeconfig", KubeconfigPath, .. args], budget ?? TimeSpan.FromSeconds(60),
            stdin: stdin, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>kubectl that must succeed: its stdout.</summary>
    public async Task<string> KubectlOkAsync(params string[] args)
    {
        var result = await KubectlAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result} {LogHint}");
        return result.Stdout;
    }

    /// <summary>kubectl apply -f - of <paramref name="yaml"/>, which must succeed.</summary>
    public async Task ApplyAsync(string yaml, params string[] extraArgs)
    {
        var result = await KubectlAsync(["apply", "-f", "-", .. extraArgs], yaml);
        Assert.True(result.ExitCode == 0, $"kubectl apply: {result} {LogHint}\n{yaml}");
    }

    /// <summary>A new namespace with the `default` ServiceAccount pods need (no controller creates it here).</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await KubectlOkAsync("create", "namespace", name);
        await KubectlOkAsync("-n", name, "create", "serviceaccount", "default");
        return name;
    }

    public async ValueTask InitializeAsync()
    {
        _tools = ClusterRequirement.Locate(out _missing);
        if (_tools is null)
        {
            return;
        }

        // Two tries: a port picked free can be taken by another process before etcd binds it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                _startFailure = null;
                return;
            }
            catch (Exception e) when (attempt < 2)
            {
                _startFailure = e;
                await KubeUpAsync("down");
            }
            catch (Exception e)
            {
                _startFailure = e;
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_tools is null || RunDirectory.Length == 0)
        {
            return;
        }

        await KubeUpAsync("down");
        // The log stays for a post-mortem; etcd's data is only bulk.
        foreach (var bulk in BulkFolders.Prepend("etcd-data").Select(f => Path.Combine(RunDirectory, f)))
        {
            if (Directory.Exists(bulk))
            {
                Directory.Delete(bulk, recursive: true);
            }
        }
    }

    /// <summary>Folders of <see cref="RunDirectory"/> a subclass fills and that are deleted with etcd's data.</summary>
    protected virtual IEnumerable<string> BulkFolders => [];

    /// <summary>Stops the API server process (etcd keeps running) and starts it again with the same flags.</summary>
    public async Task RestartApiServerAsync()
    {
        Require();
        var restarted = await ChildProcess.RunAsync("bash", ["-c", RestartScript], StartBudget,
            new Dictionary<string, string?> { ["RUN_DIR"] = RunDirectory, ["KUBE_PORT"] = Port.ToString(CultureInfo.InvariantCulture) });
        Assert.True(restarted.ExitCode == 0, $"restarting kube-apiserver: {restarted} {LogHint}");
    }

    // The flags are read back from the running process (/proc/PID/cmdline), so the restart needs no
    // copy of kube-up.sh's command line.
    private const string RestartScript = """
        set -euo pipefail
        pid=$(cat "$RUN_DIR/kube-apiserver.pid")
        mapfile -d '' cmd < "/proc/$pid/cmdline"
        kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        setsid nohup "${cmd[@]}" >> "$RUN_DIR/kube-apiserver.log" 2>&1 < /dev/null &
        echo $! > "$RUN_DIR/kube-apiserver.pid"
        token=$(cat "$RUN_DIR/pki/admin.token")
        for _ in $(seq 1 480); do
          [[ $(curl -s --max-time 2 --cacert "$RUN_DIR/pki/ca.crt" -H "Authorization: Bearer $token" "https://127.0.0.1:$KUBE_PORT/readyz" || true) == ok ]] && exit 0
          sleep 0.5
        done
        echo "not ready after restart" >&2; exit 1
        """;

    private async Task StartAsync()
    {
        var ports = FreePorts(3);
        Port = ports[0];
        RunDirectory = Path.Combine(Path.GetTempPath(), $"pinned-kube-{GetType().Name}-{Port.ToString(CultureInfo.InvariantCulture)}");
        await KubeUpAsync("up", ports);
    }

    private async Task KubeUpAsync(string verb, int[]? ports = null)
    {
        if (_tools is not { } tools || RunDirectory.Length == 0)
        {
            return;
        }

        var environment = new Dictionary<string, string?>
        {
            ["APISERVER_BIN"] = tools.ApiServer,
            ["RUN_DIR"] = RunDirectory,
            ["KUBE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["AUTHZ_MODE"] = AuthorizationMode,
            ["KUBE_EXTRA_ARGS"] = ExtraArgs,
        };
        if (ports is not null)
        {
            environment["KUBE_ETCD_PORT"] = ports[1].ToString(CultureInfo.InvariantCulture);
            environment["KUBE_ETCD_PEER_PORT"] = ports[2].ToString(CultureInfo.InvariantCulture);
        }

        var result = await ChildProcess.RunAsync("bash", [tools.KubeUp, verb], StartBudget, environment);
        if (result.ExitCode != 0 && verb == "up")
        {
            throw new InvalidOperationException($"kube-up.sh up failed: {result}");
        }
    }

    /// <summary>Ports the kernel calls free now, all held at once so that they differ.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
