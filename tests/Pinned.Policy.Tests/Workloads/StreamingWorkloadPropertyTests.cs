using System.Text;
using CsCheck;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>On generated and perturbed objects, the streaming reader yields exactly what WorkloadDecoder yields.</summary>
public sealed class StreamingWorkloadPropertyTests
{
    [Fact]
    public void Generated_objects_decode_as_with_the_DOM_under_every_kind() =>
        PodJsonGenerators.Object.Sample(json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            foreach (var kind in Differential.Kinds)
            {
                Differential.AssertAgree(bytes, kind, json);
            }
        }, iter: 2_000);

    [Fact]
    public void Generated_objects_cut_short_or_with_a_byte_changed_are_judged_alike() =>
        Gen.Select(PodJsonGenerators.Object, Gen.Int[0, 100_000], Gen.Byte, Gen.Bool, (json, at, value, cut) => (json, at, value, cut)).Sample(c =>
        {
            var bytes = Encoding.UTF8.GetBytes(c.json);
            var position = c.at % bytes.Length;
            bytes = c.cut ? bytes[..position] : [.. bytes[..position], c.value, .. bytes[(position + 1)..]];
            Differential.AssertAgree(bytes, null, Convert.ToHexString(bytes));
            Differential.AssertAgree(bytes, "Deployment", Convert.ToHexString(bytes));
        }, iter: 3_000);
}
