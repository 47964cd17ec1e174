using System.Net;
using System.Net.Sockets;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// What kube-proxy does for one Service: connections to its cluster IP and port go to one of the
/// ready endpoints (here loopback ports of the pods the stand-in kubelet runs). With no ready
/// endpoint the connection is closed at once, as kube-proxy's reject rule does.
/// </summary>
public sealed class KubeProxyStandIn : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<IReadOnlyList<int>> _readyPorts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    public KubeProxyStandIn(IPAddress clusterIp, int port, Func<IReadOnlyList<int>> readyPorts)
    {
        _readyPorts = readyPorts;
        _listener = new TcpListener(clusterIp, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Connections closed for want of a ready endpoint (a real cluster's "connection refused").</summary>
    public int Rejected { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            var ports = _readyPorts();
            if (ports.Count == 0)
            {
                Rejected++;
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }

            var port = ports[(int)((uint)Interlocked.Increment(ref _next) % (uint)ports.Count)];
            using var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                var up = client.GetStream().CopyToAsync(backend.GetStream(), _stop.Token);
                var down = backend.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A pod that went away or a test that ended: the API server sees the connection drop.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
