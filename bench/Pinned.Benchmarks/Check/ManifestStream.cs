using System.Text;

namespace Pinned.Benchmarks.Check;

/// <summary>
/// Writes a multi-document manifest stream like `helm template` output: Deployments of about
/// 5 KB each (labels, annotations, 40 env vars), half pinned by digest, half on :latest.
/// </summary>
internal static class ManifestStream
{
    public static long Write(string path, int objects)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (int i = 0; i < objects; i++)
        {
            var image = i % 2 == 0 ? ":latest" : "@sha256:" + i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteLine($"""
                ---
                # Source: app/templates/deployment-{i}.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-{i}
                  namespace: team-{i % 20}
                  labels:
                    app.kubernetes.io/name: app-{i}
                    app.kubernetes.io/instance: release-{i}
                  annotations:
                    description: "a generated deployment used to measure pinned check"
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {"{"}app: app-{i}{"}"}
                  template:
                    metadata:
                      labels: {"{"}app: app-{i}{"}"}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/team/app-{i}{image}
                          ports: [{"{"}containerPort: 8080, name: http{"}"}]
                          resources:
                            requests: {"{"}cpu: 100m, memory: 128Mi{"}"}
                          env:
                """);
            for (int j = 0; j < 40; j++)
            {
                writer.WriteLine($"            - name: VAR_{j}");
                writer.WriteLine($"              value: \"value-{i}-{j}-{new string('x', 40)}\"");
            }
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }
}
