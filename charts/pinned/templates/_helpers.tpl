{{/* Names, labels and references shared by every template. */}}

{{- define "pinned.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pinned.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "pinned.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pinned.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pinned.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "pinned.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pinned
{{- end -}}

{{- define "pinned.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pinned.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding tls.crt, tls.key and ca.crt, written by the chart or by cert-manager. */}}
{{- define "pinned.tlsSecretName" -}}
{{- printf "%s-tls" (include "pinned.fullname" .) -}}
{{- end -}}

{{- define "pinned.serviceHost" -}}
{{- printf "%s.%s.svc" (include "pinned.fullname" .) .Release.Namespace -}}
{{- end -}}

{{/* repository:tag@digest; the digest, when set, decides what runs (SPEC.md §1). */}}
{{- define "pinned.imageRef" -}}
{{- $tag := .tag | default .fallbackTag -}}
{{- $ref := .repository -}}
{{- if $tag -}}{{- $ref = printf "%s:%s" $ref $tag -}}{{- end -}}
{{- if .digest -}}{{- $ref = printf "%s@%s" $ref .digest -}}{{- end -}}
{{- $ref -}}
{{- end -}}

{{- define "pinned.image" -}}
{{- include "pinned.imageRef" (dict "repository" .Values.image.repository "tag" .Values.image.tag "digest" .Values.image.digest "fallbackTag" .Chart.AppVersion) -}}
{{- end -}}

{{- define "pinned.hookImage" -}}
{{- include "pinned.imageRef" (dict "repository" .Values.hooks.image.repository "tag" .Values.hooks.image.tag "digest" .Values.hooks.image.digest "fallbackTag" "") -}}
{{- end -}}

{{/*
Namespaces the webhook never sees and the policy exempts: the release namespace and kube-system
(so the cluster can never lock itself out), plus the admin's lists. Returned comma-joined
(namespace names cannot hold a comma): use splitList "," on it.
*/}}
{{- define "pinned.exemptNamespaces" -}}
{{- $all := list .Release.Namespace "kube-system" -}}
{{- $all = concat $all .Values.policy.exemptNamespaces .Values.webhook.excludeNamespaces -}}
{{- $all | uniq | join "," -}}
{{- end -}}

{{/* Admin-listed audit namespaces minus the exempt ones (never called at all); comma-joined. */}}
{{- define "pinned.auditNamespaces" -}}
{{- $exempt := include "pinned.exemptNamespaces" . | splitList "," -}}
{{- $audit := list -}}
{{- range .Values.policy.auditNamespaces -}}
{{- if not (has . $exempt) -}}{{- $audit = append $audit . -}}{{- end -}}
{{- end -}}
{{- $audit | uniq | join "," -}}
{{- end -}}

{{/* Pod-level security context shared by the webhook and the hook Jobs. */}}
{{- define "pinned.podSecurityContext" -}}
runAsNonRoot: true
# 1654 is the "app" user of the .NET chiseled images ($APP_UID); any non-root id works.
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "pinned.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The policy file of SPEC.md §5 and §7, key for key: `policy.*` values become the file's `mode`,
`exemptNamespaces` and `rules`, `registry.*` its `registry`, `mutation.*` its `mutation`.
(Cross-reference: src/Pinned.Policy reads the same keys.)
*/}}
{{- define "pinned.policyFile" -}}
mode: {{ .Values.policy.mode | quote }}
exemptNamespaces: {{ include "pinned.exemptNamespaces" . | splitList "," | toJson }}
rules:
  image-digest:
    action: {{ index .Values.policy.rules "image-digest" "action" | quote }}
    exemptImages: {{ index .Values.policy.rules "image-digest" "exemptImages" | toJson }}
  mutable-tag:
    action: {{ index .Values.policy.rules "mutable-tag" "action" | quote }}
    mutableTags: {{ index .Values.policy.rules "mutable-tag" "mutableTags" | toJson }}
    exemptImages: {{ index .Values.policy.rules "mutable-tag" "exemptImages" | toJson }}
  host-path:
    action: {{ index .Values.policy.rules "host-path" "action" | quote }}
    allowedHostPaths: {{ index .Values.policy.rules "host-path" "allowedHostPaths" | toJson }}
registry:
  insecure: {{ .Values.registry.insecure | toJson }}
  caFile: {{ .Values.registry.caFile | quote }}
  dockerConfig: {{ .Values.registry.dockerConfig | quote }}
  timeout: {{ .Values.registry.timeout | quote }}
  cacheTtl: {{ .Values.registry.cacheTtl | quote }}
mutation:
  enabled: {{ .Values.mutation.enabled }}
audit:
  enabled: {{ .Values.audit.enabled }}
  interval: {{ .Values.audit.interval | quote }}
  reports: {{ .Values.audit.reports }}
{{- end -}}

{{/*
Pod template of the hook Jobs: kubectl only, pinned by digest, non-root, read-only root
filesystem. Arguments (a dict): root, serviceAccount, args (kubectl's arguments).
*/}}
{{- define "pinned.hookPodSpec" -}}
{{- $root := .root -}}
metadata:
  labels:
    {{- include "pinned.selectorLabels" $root | nindent 4 }}
    app.kubernetes.io/component: hook
spec:
  serviceAccountName: {{ .serviceAccount }}
  restartPolicy: Never
  {{- with $root.Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $root.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- include "pinned.podSecurityContext" $root | nindent 4 }}
  containers:
    - name: kubectl
      image: {{ include "pinned.hookImage" $root | quote }}
      imagePullPolicy: {{ $root.Values.hooks.image.pullPolicy }}
      command: [kubectl]
      args: {{ .args | toJson }}
      env:
        # kubectl keeps its discovery cache under $HOME; the root filesystem is read-only.
        - name: HOME
          value: /tmp
      securityContext:
        {{- include "pinned.containerSecurityContext" $root | nindent 8 }}
      resources:
        {{- toYaml $root.Values.hooks.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 32Mi
{{- end -}}

{{/* Name of the Lease the replicas elect the background audit's leader with. */}}
{{- define "pinned.auditLease" -}}
{{ include "pinned.fullname" . }}-audit
{{- end -}}
