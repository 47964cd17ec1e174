using System.Text.Json.Nodes;
using static Pinned.Policy.Tests.Workloads.WorkloadJson;

namespace Pinned.Policy.Tests.Workloads;

public sealed class WorkloadDecoderTests
{
    public static TheoryData<string, string> KindsWithPodSpecs => new()
    {
        { "Pod", "spec" },
        { "Deployment", "spec.template.spec" },
        { "ReplicaSet", "spec.template.spec" },
        { "StatefulSet", "spec.template.spec" },
        { "DaemonSet", "spec.template.spec" },
        { "ReplicationController", "spec.template.spec" },
        { "Job", "spec.template.spec" },
        { "CronJob", "spec.jobTemplate.spec.template.spec" },
        { "PodTemplate", "template.spec" },
    };

    [Theory]
    [MemberData(nameof(KindsWithPodSpecs))]
    public void Every_image_and_volume_location_of_every_kind_is_judged_at_its_exact_path(string kind, string specPath)
    {
        var workload = WorkloadDecoder.Decode(Element(Wrap(kind, EveryLocationSpec())));

        var result = new PolicyEvaluator(PolicyOptions.Default).Evaluate(workload.PodSpec!);

        Assert.Equal(EveryLocationViolations(specPath), result.Violations.Select(v => (v.RuleId, v.Path)));
    }

    [Theory]
    [MemberData(nameof(KindsWithPodSpecs))]
    public void Decoding_keeps_identity_groups_indexes_and_volumes(string kind, string specPath)
    {
        var workload = WorkloadDecoder.Decode(Element(Wrap(kind, EveryLocationSpec())));

        Assert.Equal((kind, "demo", "team-a"), (workload.Kind, workload.Name, workload.Namespace));
        Assert.NotNull(workload.ApiVersion);
        var spec = Assert.IsType<PodSpecView>(workload.PodSpec);
        Assert.Equal(specPath, spec.SpecPath);
        Assert.Equal(
            [
                (ContainerGroup.Containers, 0, "app", "nginx"),
                (ContainerGroup.InitContainers, 0, "init-pinned", PinnedImage),
                (ContainerGroup.InitContainers, 1, "init-latest", "busybox:latest"),
                (ContainerGroup.EphemeralContainers, 0, "debugger", "Not A Reference"),
            ],
            spec.Containers.Select(c => (c.Group, c.Index, c.Name, c.Image)));
        Assert.Equal(
            [
                new VolumeView(0, "config", null, null),
                new VolumeView(1, "data", null, "registry.example.com/data:v1"),
                new VolumeView(2, "host", "/var/run", null),
            ],
            spec.Volumes);
        Assert.Equal([new VolumeMountView("host", false)], spec.Containers[0].Mounts);
    }

    [Fact]
    public void The_kind_given_by_the_caller_wins_over_a_missing_kind()
    {
        var obj = Wrap("Pod", EveryLocationSpec());
        obj.Remove("kind");

        Assert.Null(WorkloadDecoder.Decode(Element(obj)).PodSpec);
        Assert.Equal("spec", WorkloadDecoder.Decode(Element(obj), "Pod").PodSpec!.SpecPath);
    }

    [Theory]
    [InlineData("ConfigMap")]
    [InlineData("Service")]
    [InlineData("Namespace")]
    [InlineData("pod")]
    [InlineData("")]
    public void Kinds_without_a_pod_spec_decode_with_none(string kind)
    {
        var workload = WorkloadDecoder.Decode(Element(Wrap(kind, EveryLocationSpec())));

        Assert.Equal(kind, workload.Kind);
        Assert.Null(workload.PodSpec);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"Pod\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"kind": 7, "metadata": "x"}""")]
    public void Something_that_is_not_a_workload_decodes_without_a_pod_spec(string json) =>
        Assert.Null(WorkloadDecoder.Decode(Element(json)).PodSpec);

    [Fact]
    public void An_absent_element_decodes_without_a_pod_spec() =>
        Assert.Null(WorkloadDecoder.Decode(default).PodSpec);

    public static TheoryData<string, string> MalformedPods => new()
    {
        { "no spec at all", """{"kind":"Pod"}""" },
        { "a spec that is a string", """{"kind":"Pod","spec":"x"}""" },
        { "a null spec", """{"kind":"Pod","spec":null}""" },
        { "a template that is an array", """{"kind":"Deployment","spec":{"template":[]}}""" },
        { "containers that are an object", """{"kind":"Pod","spec":{"containers":{"image":"nginx"}}}""" },
        { "containers that are a string", """{"kind":"Pod","spec":{"containers":"nginx"}}""" },
        { "volumes that are a number", """{"kind":"Pod","spec":{"volumes":3}}""" },
        { "volume mounts that are a string", """{"kind":"Pod","spec":{"containers":[{"image":"a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","volumeMounts":"x"}]}}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedPods))]
    public void Malformed_pods_decode_without_throwing_and_yield_nothing_to_judge(string because, string json)
    {
        _ = because;
        var spec = WorkloadDecoder.Decode(Element(json)).PodSpec;

        Assert.NotNull(spec);
        Assert.Empty(new PolicyEvaluator(PolicyOptions.Default).Evaluate(spec).Violations);
    }

    public static TheoryData<string, string, string> MalformedImages => new()
    {
        { "a numeric image is judged as its JSON text (a valid name, unpinned)", """{"name":"a","image":42}""", "42" },
        { "an object image is judged as its JSON text", """{"name":"a","image":{"x":1}}""", """{"x":1}""" },
        { "a boolean image is judged as its JSON text (a valid name, unpinned)", """{"name":"a","image":true}""", "true" },
        { "a missing image is judged as empty", """{"name":"a"}""", "" },
        { "a null image is judged as empty", """{"name":"a","image":null}""", "" },
        { "a container that is a string is judged as empty", "\"nginx\"", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedImages))]
    public void A_container_without_a_string_image_is_still_judged_by_image_digest(string because, string container, string shown)
    {
        _ = because;
        var spec = WorkloadDecoder.Decode(Element($$$"""{"kind":"Pod","spec":{"containers":[{{{container}}}]}}""")).PodSpec!;

        var violation = new PolicyEvaluator(PolicyOptions.Default).Evaluate(spec).Violations[0];

        Assert.Equal(("image-digest", "spec.containers[0].image"), (violation.RuleId, violation.Path));
        Assert.Contains($"image '{shown}' is not", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volumes_keep_their_index_when_an_entry_is_not_an_object()
    {
        var spec = WorkloadDecoder.Decode(Element("""
            {"kind":"Pod","spec":{"volumes":[ "junk", null, {"name":"h","hostPath":{"path":"/etc"}} ]}}
            """)).PodSpec!;

        var violation = Assert.Single(new PolicyEvaluator(PolicyOptions.Default).Evaluate(spec).Violations);
        Assert.Equal("spec.volumes[2]", violation.Path);
    }

    [Theory]
    [InlineData("""{"path":"/etc"}""", "/etc")]
    [InlineData("""{}""", "")]
    [InlineData("""{"path":5}""", "")]
    [InlineData("\"/etc\"", "")]
    [InlineData("null", null)]
    public void A_hostPath_volume_reads_its_path_and_a_malformed_one_still_counts(string hostPath, string? expected)
    {
        var spec = WorkloadDecoder.Decode(Element($$$"""{"kind":"Pod","spec":{"volumes":[{"name":"v","hostPath":{{{hostPath}}}}]}}""")).PodSpec!;

        Assert.Equal(expected, Assert.Single(spec.Volumes).HostPath);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", false)]
    [InlineData("1", false)]
    public void Only_a_JSON_true_makes_a_mount_read_only(string readOnly, bool expected)
    {
        var spec = WorkloadDecoder.Decode(Element($$$"""
            {"kind":"Pod","spec":{"containers":[{"image":"x","volumeMounts":[{"name":"v","readOnly":{{{readOnly}}}}]}]}}
            """)).PodSpec!;

        Assert.Equal(expected, Assert.Single(spec.Containers[0].Mounts).ReadOnly);
    }

    [Fact]
    public void WorkloadKinds_lists_exactly_the_kinds_of_SPEC_section_2()
    {
        Assert.Equal(KindsWithPodSpecs.Select(r => (string)((ITheoryDataRow)r).GetData()[0]!).Order(), WorkloadKinds.All.Order());
        Assert.Null(WorkloadKinds.PodSpecPath("ConfigMap"));
        Assert.Equal(["spec", "jobTemplate", "spec", "template", "spec"], WorkloadKinds.PodSpecPath("CronJob"));
    }

    [Theory]
    [InlineData("Pod", "api/v1", "pods")]
    [InlineData("ReplicationController", "api/v1", "replicationcontrollers")]
    [InlineData("PodTemplate", "api/v1", "podtemplates")]
    [InlineData("Deployment", "apis/apps/v1", "deployments.apps")]
    [InlineData("CronJob", "apis/batch/v1", "cronjobs.batch")]
    public void WorkloadKinds_names_the_API_resource_that_serves_each_kind(string kind, string prefix, string qualified)
    {
        var resource = WorkloadKinds.Resource(kind)!.Value;
        Assert.Equal((prefix, qualified), (resource.ApiPrefix, resource.QualifiedName));
    }

    [Fact]
    public void Every_kind_with_a_pod_spec_has_its_API_resource_and_no_other_kind_has_one()
    {
        Assert.All(WorkloadKinds.All, kind => Assert.NotNull(WorkloadKinds.Resource(kind)));
        Assert.Null(WorkloadKinds.Resource("ConfigMap"));
    }

    [Fact]
    public void A_deeply_nested_spec_with_thousands_of_containers_decodes()
    {
        var containers = new JsonArray([.. Enumerable.Range(0, 5_000).Select(i => (JsonNode)new JsonObject { ["image"] = $"app{i}:v1" })]);
        var spec = WorkloadDecoder.Decode(Element(Wrap("CronJob", new JsonObject { ["containers"] = containers }))).PodSpec!;

        Assert.Equal(5_000, spec.Containers.Count);
        Assert.Equal(4_999, spec.Containers[^1].Index);
    }
}
