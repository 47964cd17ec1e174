using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// Judges each listed object with the engine of <c>pinned serve</c> and <c>pinned check</c>
/// (<see cref="WorkloadDecoder"/>, <see cref="PolicyEvaluator"/>) and folds it into what a
/// finding needs: controllers into an owner index, pods onto their top owner (counted, their
/// images tallied for drift), and what a pod adds to its owner's template onto the pod. Expects
/// controllers before pods, as <see cref="ClusterReader"/> lists them. One analyzer per audit.
/// </summary>
internal sealed class AuditAnalyzer(PolicyEvaluator evaluator) : IClusterObjectSink
{
    /// <summary>Pod → ReplicaSet → Deployment is the longest chain of SPEC.md §8; a few more links allow for other controllers and stop cycles.</summary>
    private const int MaxChain = 8;

    private readonly Dictionary<string, OwnerEntry> _owners = new(StringComparer.Ordinal);
    private readonly List<OwnerEntry> _ownersWithoutUid = [];
    private readonly List<(AuditFinding Finding, RunningImages? Running)> _pods = [];
    private readonly Dictionary<string, int> _exempt = new(StringComparer.Ordinal);
    private int _objects;
    private int _podCount;

    public void Object(string kind, JsonElement item)
    {
        var workload = WorkloadDecoder.Decode(item, kind);
        var self = new ObjectRef(kind, workload.Namespace ?? string.Empty, workload.Name ?? string.Empty);
        if (evaluator.Options.IsNamespaceExempt(self.Namespace))
        {
            _exempt[self.Namespace] = _exempt.GetValueOrDefault(self.Namespace) + 1;
            return;
        }

        _objects++;
        var spec = workload.PodSpec ?? new PodSpecView(WorkloadKinds.PodSpecPathText(kind) ?? "spec", [], []);
        var result = evaluator.Evaluate(spec);
        var metadata = ObjectMetadata.Read(item);
        if (kind == "Pod")
        {
            AddPod(self, item, spec, result, metadata.Controller);
            return;
        }

        var entry = new OwnerEntry(self, metadata.Controller, spec.SpecPath, result.Violations, result.Denied);
        if (metadata.Uid is { } uid)
        {
            _owners[uid] = entry;
        }
        else
        {
            _ownersWithoutUid.Add(entry);
        }
    }

    private void AddPod(ObjectRef pod, JsonElement item, PodSpecView spec, EvaluationResult result, ControllerRef? controller)
    {
        _podCount++;
        var running = PodStatusImages.Read(item, spec);
        if (TopOwner(controller?.Uid) is not { } owner)
        {
            // A bare pod, or one whose controller the audit did not list: everything is on the pod.
            var own = new RunningImages();
            own.AddPod(running);
            var ownerRef = controller is null ? (ObjectRef?)null : new ObjectRef(controller.Kind, pod.Namespace, controller.Name);
            _pods.Add((new AuditFinding(pod, ownerRef, 1, result.Denied, result.Violations, [], []) { OwnerKnown = false }, own));
            return;
        }

        owner.Pods++;
        owner.Running.AddPod(running);
        var extra = result.Violations.Where(v => !owner.Covers(ViolationKey.Of(v, spec.SpecPath))).ToList();
        if (extra.Count > 0)
        {
            bool denied = extra.Any(v => v.Action == RuleAction.Enforce);
            _pods.Add((new AuditFinding(pod, owner.Self, 1, denied, extra, [], []), null));
        }
    }

    /// <summary>The last known object up the controller chain from <paramref name="uid"/>, or null when that uid was not listed.</summary>
    private OwnerEntry? TopOwner(string? uid)
    {
        if (uid is null || !_owners.TryGetValue(uid, out var current))
        {
            return null;
        }

        for (int i = 0; i < MaxChain && current.Controller?.Uid is { } up && _owners.TryGetValue(up, out var parent); i++)
        {
            current = parent;
        }

        return current;
    }

    private bool IsTop(OwnerEntry entry) => entry.Controller?.Uid is not { } up || !_owners.ContainsKey(up);

    public AuditReport Complete(ClusterReadResult read)
    {
        var results = new List<(AuditFinding Finding, RunningImages? Running)>();
        foreach (var entry in _owners.Values.Concat(_ownersWithoutUid).Where(IsTop))
        {
            var owner = entry.Controller is { } c ? new ObjectRef(c.Kind, entry.Self.Namespace, c.Name) : (ObjectRef?)null;
            results.Add((new AuditFinding(entry.Self, owner, entry.Pods, entry.Denied, entry.Violations,
                entry.Running.Drift(), entry.Running.Pins()) { OwnerKnown = false }, entry.Running));
        }

        foreach (var (finding, running) in _pods)
        {
            results.Add(running is null ? (finding, null) : (finding with { Drift = running.Drift(), Pins = running.Pins() }, running));
        }

        var ordered = results
            .OrderBy(r => r.Finding.Group)
            .ThenBy(r => r.Finding.IsPodOfOwner ? 1 : 0)
            .ThenBy(r => r.Finding.Object)
            .ToList();
        var findings = ordered.Select(r => r.Finding).ToList();
        var summary = new AuditSummary(
            _objects,
            _podCount,
            findings.Count,
            findings.Count(f => f.Denied),
            findings.Sum(f => f.Violations.Count),
            findings.Sum(f => f.Drift.Count),
            _exempt.Values.Sum(),
            read.Unread.Count);
        return new AuditReport(
            findings,
            ClusterPins.From(ordered.Select(r => r.Running)),
            [.. _exempt.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new ExemptNamespace(e.Key, e.Value))],
            read.Unread,
            summary);
    }
}
