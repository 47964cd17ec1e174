using System.Text.Json;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>
/// The AdmissionReviews a real kube-apiserver sent (../shared/admission-reviews), decoded and
/// judged with the default policy. UPDATEs are judged against oldObject as SPEC.md §4 says.
/// </summary>
public sealed class CapturedReviewTests
{
    private const string D = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string[], string[]> Reviews => new()
    {
        // file, kind, images in decoding order, "rule path" of every violation that blocks
        { "01-pod-create.json", "Pod", ["nginx:1.27"], ["image-digest spec.containers[0].image"] },
        { "02-deployment-create.json", "Deployment", ["registry.example.com/team/api" + D, "busybox"],
            ["image-digest spec.template.spec.containers[1].image", "mutable-tag spec.template.spec.containers[1].image"] },
        { "03-pod-update-label.json", "Pod", ["nginx:1.27"], [] },
        { "04-pod-update-set-image.json", "Pod", ["nginx:latest"],
            ["image-digest spec.containers[0].image", "mutable-tag spec.containers[0].image"] },
        { "05-pod-ephemeralcontainers-debug.json", "Pod", ["nginx:latest", "busybox"],
            ["image-digest spec.ephemeralContainers[0].image", "mutable-tag spec.ephemeralContainers[0].image"] },
        { "06-pod-create-server-dry-run.json", "Pod", ["alpine"], ["image-digest spec.containers[0].image", "mutable-tag spec.containers[0].image"] },
        { "07-cronjob-create.json", "CronJob", ["registry.example.com/batch/report:2024.11"],
            ["image-digest spec.jobTemplate.spec.template.spec.containers[0].image"] },
        { "08-job-create.json", "Job", ["alpine:3.20"], ["image-digest spec.template.spec.containers[0].image"] },
        { "09-daemonset-hostpath-create.json", "DaemonSet", ["fluent/fluent-bit:3.1" + D], ["host-path spec.template.spec.volumes[0]"] },
        { "10-statefulset-create.json", "StatefulSet", ["postgres:16", "busybox"],
            ["image-digest spec.template.spec.containers[0].image", "image-digest spec.template.spec.initContainers[0].image",
             "mutable-tag spec.template.spec.initContainers[0].image"] },
        { "14-replicationcontroller-create.json", "ReplicationController", ["localhost:5000/legacy"],
            ["image-digest spec.template.spec.containers[0].image", "mutable-tag spec.template.spec.containers[0].image"] },
    };

    [Theory]
    [MemberData(nameof(Reviews))]
    public void Captured_review_decodes_and_is_judged_at_exact_paths(string file, string kind, string[] images, string[] blocking)
    {
        var request = Request(file);
        var workload = WorkloadDecoder.Decode(request.GetProperty("object"));
        var evaluator = new PolicyEvaluator(PolicyOptions.Default);

        var result = evaluator.Evaluate(workload.PodSpec!);
        if (request.GetProperty("operation").GetString() == "UPDATE")
        {
            result = result.ExceptPresentIn(evaluator.Evaluate(WorkloadDecoder.Decode(request.GetProperty("oldObject")).PodSpec!));
        }

        Assert.Equal(request.GetProperty("kind").GetProperty("kind").GetString(), workload.Kind);
        Assert.Equal(kind, workload.Kind);
        Assert.Equal(images, workload.PodSpec!.Containers.Select(c => c.Image));
        Assert.Equal(blocking, result.Violations.Where(v => !v.PreExisting).Select(v => $"{v.RuleId} {v.Path}"));
        Assert.Equal(blocking.Length > 0, result.Denied);
    }

    [Theory]
    [InlineData("11-pod-delete-1.json")]
    [InlineData("12-pod-delete-2.json")]
    [InlineData("13-pod-delete-3.json")]
    public void A_delete_has_no_object_and_its_old_object_still_decodes(string file)
    {
        var request = Request(file);

        Assert.Null(WorkloadDecoder.Decode(request.GetProperty("object")).PodSpec);
        var old = WorkloadDecoder.Decode(request.GetProperty("oldObject"));
        Assert.Equal(["nginx:latest", "busybox"], old.PodSpec!.Containers.Select(c => c.Image));
    }

    [Fact]
    public void Every_captured_review_is_covered_here()
    {
        var files = Directory.GetFiles(SharedFiles.Path("admission-reviews"), "*.json").Select(Path.GetFileName).Order();
        var covered = Reviews.Select(r => (string)((ITheoryDataRow)r).GetData()[0]!)
            .Concat(["11-pod-delete-1.json", "12-pod-delete-2.json", "13-pod-delete-3.json"]).Order();

        Assert.Equal(files, covered);
    }

    private static JsonElement Request(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFiles.Path(Path.Combine("admission-reviews", file))));
        return document.RootElement.GetProperty("review").GetProperty("request").Clone();
    }
}
