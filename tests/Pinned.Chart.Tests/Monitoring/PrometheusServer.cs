using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's) on a free loopback port, scraping one HTTPS target every second
/// and evaluating a rule file every second; queried through its HTTP API (also compiled into
/// Pinned.Cluster.Tests).
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Start-up on a loaded machine (a TSDB to create, the rule file to load).</summary>
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _client;

    private PrometheusServer(Process process, int port)
    {
        _process = process;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    /// <param name="job">The job label, as a ServiceMonitor sets it (the Service's name).</param>
    /// <param name="caFile">The CA that signed the target's certificate; null for a self-signed one (no verification).</param>
    /// <param name="ruleFile">Rules to load and evaluate, or null.</param>
    /// <param name="targetLabels">Labels of the target, as a ServiceMonitor adds namespace, pod and service.</param>
    /// <param name="bearerToken">A token to scrape with (the API server's /metrics), or null.</param>
    public static async Task<PrometheusServer> StartAsync(string directory, Uri target, string job, string? caFile, string serverName,
        string? ruleFile, IReadOnlyDictionary<string, string> targetLabels, string? bearerToken = null)
    {
        var authorization = bearerToken is null ? "" : $"authorization: {{ credentials: \"{bearerToken}\" }}";
        var tls = caFile is null ? "insecure_skip_verify: true" : $"ca_file: \"{caFile}\", server_name: \"{serverName}\"";
        var rules = ruleFile is null ? "[]" : $"[\"{ruleFile}\"]";
        var port = FreePort();
        var labels = string.Join(", ", targetLabels.Select(l => $"{l.Key}: \"{l.Value}\""));
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global: { scrape_interval: 1s, evaluation_interval: 1s, scrape_timeout: 1s }
            rule_files: {{rules}}
            scrape_configs:
              - job_name: "{{job}}"
                scheme: https
                metrics_path: /metrics
                tls_config: { {{tls}} }
                {{authorization}}
                static_configs:
                  - targets: ["{{target.Authority}}"]
                    labels: { {{labels}} }
            """);
        var info = new ProcessStartInfo(PrometheusTools.Prometheus)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                     $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--log.level=warn",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start"), port);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>An instant query; the API's `data.result` (a vector's series, or a scalar's pair).</summary>
    public async Task<JsonArray> QueryAsync(string expression)
    {
        using var response = await _client.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expression), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        if ((string?)body["status"] != "success")
        {
            throw new InvalidOperationException($"Prometheus refused {expression}: {body.ToJsonString()}");
        }

        return body["data"]!["result"]!.AsArray();
    }

    /// <summary>The active alerts (pending and firing) with their labels and state.</summary>
    public async Task<JsonArray> AlertsAsync()
    {
        var body = JsonNode.Parse(await _client.GetStringAsync("/api/v1/alerts", TestContext.Current.CancellationToken))!;
        return body["data"]!["alerts"]!.AsArray();
    }

    /// <summary>The rule groups as Prometheus loaded them (`/api/v1/rules`), with each rule's health.</summary>
    public async Task<JsonArray> RuleGroupsAsync()
    {
        var body = JsonNode.Parse(await _client.GetStringAsync("/api/v1/rules", TestContext.Current.CancellationToken))!;
        return body["data"]!["groups"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        _client.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartBudget)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await _client.GetAsync("/-/ready", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"prometheus not ready within {StartBudget.TotalSeconds:0} s:\n{Log}");
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
