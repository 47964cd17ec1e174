{{/*
Pieces of the webhook configurations. The configurations themselves are Helm hooks (see
webhookconfiguration.yaml), created only after the Deployment answers.
*/}}

{{/* What the API server sends: every kind that carries a pod spec (SPEC.md §2). */}}
{{- define "pinned.webhookRules" -}}
- apiGroups: [""]
  apiVersions: [v1]
  operations: [CREATE, UPDATE]
  resources: [pods, pods/ephemeralcontainers, replicationcontrollers, podtemplates]
  scope: Namespaced
- apiGroups: [apps]
  apiVersions: [v1]
  operations: [CREATE, UPDATE]
  resources: [deployments, replicasets, statefulsets, daemonsets]
  scope: Namespaced
- apiGroups: [batch]
  apiVersions: [v1]
  operations: [CREATE, UPDATE]
  resources: [jobs, cronjobs]
  scope: Namespaced
{{- end -}}

{{/*
An UPDATE that leaves the pod template alone introduces no violation (SPEC.md §4), so the API
server need not call: scale, label, annotation, finalizer and ownerReference updates skip the
webhook, and keep working while it is down. Any evaluation error would apply failurePolicy,
so every field is guarded with has() where the schema allows it to be absent.
*/}}
{{- define "pinned.matchConditions" -}}
matchConditions:
  - name: pod-spec-changed
    expression: >-
      request.operation != 'UPDATE' ||
      (request.kind.kind == 'Pod' ? object.spec != oldObject.spec :
      request.kind.kind == 'PodTemplate' ? !has(object.template) || !has(oldObject.template) || object.template != oldObject.template :
      request.kind.kind == 'CronJob' ? object.spec.jobTemplate != oldObject.spec.jobTemplate :
      !has(object.spec.template) || !has(oldObject.spec.template) || object.spec.template != oldObject.spec.template)
{{- end -}}

{{/*
One webhook entry. Arguments (a dict): root (the chart's top context), name, path, failurePolicy,
and either audit=true (only the admin's audit namespaces) or audit=false (everything else).
The release namespace and kube-system are always excluded, by the kubernetes.io/metadata.name
label that only the API server sets, merged with the admin's own expressions.
*/}}
{{- define "pinned.webhookEntry" -}}
{{- $root := .root -}}
{{- $exempt := include "pinned.exemptNamespaces" $root | splitList "," -}}
{{- $audit := include "pinned.auditNamespaces" $root -}}
- name: {{ .name }}
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: {{ .failurePolicy }}
  timeoutSeconds: {{ $root.Values.webhook.timeoutSeconds }}
  matchPolicy: Equivalent
  {{- with .reinvocationPolicy }}
  reinvocationPolicy: {{ . }}
  {{- end }}
  clientConfig:
    service:
      name: {{ include "pinned.fullname" $root }}
      namespace: {{ $root.Release.Namespace }}
      path: {{ .path }}
      port: {{ $root.Values.service.port }}
    {{- with .caBundle }}
    caBundle: {{ . }}
    {{- end }}
  namespaceSelector:
    matchExpressions:
      - key: kubernetes.io/metadata.name
        operator: NotIn
        values: {{ $exempt | toJson }}
      {{- if .audit }}
      - key: kubernetes.io/metadata.name
        operator: In
        values: {{ splitList "," $audit | toJson }}
      {{- else if $audit }}
      - key: kubernetes.io/metadata.name
        operator: NotIn
        values: {{ splitList "," $audit | toJson }}
      {{- end }}
      {{- with $root.Values.webhook.namespaceSelector.matchExpressions }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
  {{- with $root.Values.webhook.objectSelector }}
  objectSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    {{- include "pinned.webhookRules" $root | nindent 4 }}
  {{- if $root.Values.webhook.skipUnchangedUpdates }}
  {{- include "pinned.matchConditions" $root | nindent 2 }}
  {{- end }}
{{- end -}}

{{/*
Annotations shared by both webhook configurations. On install they are a post-install hook of
weight 10, created only after the wait-for-ready Job (weight 0) succeeds, so the API server never
calls a webhook that cannot answer yet. Helm deletes and recreates a hook every time it runs
(before-hook-creation is its default), which on upgrade would leave a window with no webhook; so
on upgrade they are ordinary release resources instead: Helm adopts the hook-created objects (they
carry the release's ownership metadata from the start) and patches them in place, never deleting
them. resource-policy keep: a rollback to the install revision (whose manifest lacks them) leaves
them in place rather than deleting them; the pre-delete Job removes them on uninstall.
*/}}
{{- define "pinned.webhookConfigAnnotations" -}}
meta.helm.sh/release-name: {{ .Release.Name }}
meta.helm.sh/release-namespace: {{ .Release.Namespace }}
helm.sh/resource-policy: keep
{{- if .Release.IsInstall }}
helm.sh/hook: post-install
helm.sh/hook-weight: "10"
{{- end }}
{{- if .Values.tls.certManager.enabled }}
cert-manager.io/inject-ca-from: {{ printf "%s/%s" .Release.Namespace (include "pinned.fullname" .) }}
{{- end }}
{{- end -}}
