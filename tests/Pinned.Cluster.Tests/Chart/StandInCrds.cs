namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// The custom resources some values files render (cert-manager's Issuer and Certificate, the
/// Prometheus operator's ServiceMonitor and PrometheusRule), defined with schemas that accept any
/// spec: the API server then checks their group, version, kind, names and namespaces, not their
/// spec (that is those operators' own validation, which is not here).
/// </summary>
internal static class StandInCrds
{
    private static readonly (string Group, string Kind, string Plural)[] Kinds =
    [
        ("cert-manager.io", "Issuer", "issuers"),
        ("cert-manager.io", "Certificate", "certificates"),
        ("monitoring.coreos.com", "ServiceMonitor", "servicemonitors"),
        ("monitoring.coreos.com", "PrometheusRule", "prometheusrules"),
    ];

    public static string Yaml => string.Join("---\n", Kinds.Select(k => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {k.Plural}.{k.Group}
        spec:
          group: {k.Group}
          scope: Namespaced
          names: {"{"} kind: {k.Kind}, plural: {k.Plural}, singular: {k.Kind.ToLowerInvariant()}, listKind: {k.Kind}List {"}"}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {"{"} type: object, x-kubernetes-preserve-unknown-fields: true {"}"}

        """));
}
