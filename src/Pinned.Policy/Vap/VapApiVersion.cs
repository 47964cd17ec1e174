namespace Pinned.Policy.Vap;

/// <summary>admissionregistration.k8s.io/v1 (Kubernetes 1.30+) or v1beta1 (1.28-1.29, behind a feature gate).</summary>
public enum VapApiVersion
{
    V1,
    V1Beta1,
}
