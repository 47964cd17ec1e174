{{- /*
Seconds in a Go duration of the chart's schema pattern ("10m", "1h30m", "90s", "500ms"), for
alert thresholds that PromQL compares with time(): a range selector takes "10m", a comparison
needs a number.
*/ -}}
{{- define "pinned.durationSeconds" -}}
{{- $total := 0.0 -}}
{{- $scale := dict "ms" 0.001 "s" 1.0 "m" 60.0 "h" 3600.0 -}}
{{- range regexFindAll "[0-9]+(\\.[0-9]+)?(ms|s|m|h)" . -1 -}}
{{- $total = addf $total (mulf (regexFind "^[0-9.]+" .) (get $scale (regexReplaceAll "^[0-9.]+" . ""))) -}}
{{- end -}}
{{- $total -}}
{{- end -}}

{{- /* The label matchers of this release's own series, as a ServiceMonitor of the chart labels them (job = the Service's name). */ -}}
{{- define "pinned.seriesSelector" -}}
job="{{ include "pinned.fullname" . }}", namespace="{{ .Release.Namespace }}"
{{- end -}}
