using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Pinned.Registry;

/// <summary>
/// Meter "Pinned.Registry". Attributes are bounded: registry host (the configured few) and a
/// fixed outcome vocabulary; never an image or a repository.
/// </summary>
public sealed class RegistryMetrics : IDisposable
{
    public const string MeterName = "Pinned.Registry";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _circuitTransitions;
    private readonly Histogram<double> _resolveDuration;
    private readonly ConcurrentDictionary<string, int> _circuitStates = new();

    public RegistryMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("pinned.registry.calls", "{call}",
            "HTTP calls to registries by host and outcome (ok, not_found, unauthorized, rate_limited, server_error, unreachable, error)");
        _cacheLookups = _meter.CreateCounter<long>("pinned.registry.cache.lookups", "{lookup}",
            "Tag → digest cache lookups by result (hit, miss)");
        _circuitTransitions = _meter.CreateCounter<long>("pinned.registry.circuit.transitions", "{transition}",
            "Circuit breaker transitions by host and new state (open, half_open, closed)");
        _resolveDuration = _meter.CreateHistogram<double>("pinned.registry.resolve.duration", "s",
            "Time to resolve one tag to a digest, retries included, by host and outcome");
        _meter.CreateObservableGauge("pinned.registry.circuit.state", ObserveCircuits, "{state}",
            "Circuit state per registry host: 0 closed, 1 half-open, 2 open");
    }

    internal void RecordCall(string host, string outcome) =>
        _calls.Add(1, new("registry.host", host), new("outcome", outcome));

    internal void RecordCacheLookup(bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    internal void RecordResolution(string host, string outcome, TimeSpan elapsed) =>
        _resolveDuration.Record(elapsed.TotalSeconds, new("registry.host", host), new("outcome", outcome));

    internal void RecordCircuit(string host, CircuitState state)
    {
        _circuitStates[host] = (int)state;
        _circuitTransitions.Add(1, new("registry.host", host), new("state", state switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half_open",
            _ => "closed",
        }));
    }

    internal CircuitState? CircuitOf(string host) =>
        _circuitStates.TryGetValue(host, out var state) ? (CircuitState)state : null;

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuitStates.Select(entry => new Measurement<int>(entry.Value, new KeyValuePair<string, object?>("registry.host", entry.Key)));

    internal Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();

    internal enum CircuitState
    {
        Closed = 0,
        HalfOpen = 1,
        Open = 2,
    }
}
