{{/* The chart's name, shortened to the 63 characters a label value allows. */}}
{{- define "cnnserve.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's resources' name: the release name, with the chart's name unless it already holds it. */}}
{{- define "cnnserve.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cnnserve.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cnnserve.labels" -}}
helm.sh/chart: {{ include "cnnserve.chart" . }}
{{ include "cnnserve.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the pods; they must never change across upgrades. */}}
{{- define "cnnserve.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cnnserve.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "cnnserve.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cnnserve.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image: the tag from values, else the appVersion, with "-cuda" for the GPU build. */}}
{{- define "cnnserve.image" -}}
{{- $tag := .Values.image.tag | default (printf "%s%s" .Chart.AppVersion (ternary "-cuda" "" .Values.gpu.enabled)) }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/* gpu:0,gpu:1,... for gpu.count devices. */}}
{{- define "cnnserve.gpuDevices" -}}
{{- $devices := list }}
{{- range $i := until (int .Values.gpu.count) }}
{{- $devices = append $devices (printf "gpu:%d" $i) }}
{{- end }}
{{- join "," $devices }}
{{- end }}
