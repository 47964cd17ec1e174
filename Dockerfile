# syntax=docker/dockerfile:1
# The `pinned` executable, self-contained and trimmed, in a chiseled (distroless) image that holds
# only what .NET itself needs from the OS, run as a non-root user.
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/pinned:TAG --push .
# then set the chart's image.digest to the digest the push printed: Pinned passes its own
# policy only when its image is pinned by digest.
#
# Both base images are pinned by digest (multi-arch index digests); refresh them with
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/sdk:10.0
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
# (the runtime-deps digest comes from a public multi-arch Dockerfile: no registry was reachable
# from the machine this was written on; a wrong one fails the build at once).

# The SDK runs on the build machine's platform and cross-publishes for the target's.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5 AS build
ARG TARGETARCH
WORKDIR /src

# Restore layer: only what restore reads, so it is rebuilt only when dependencies change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Server.props src/
COPY src/Pinned/Pinned.csproj src/Pinned/
COPY src/Pinned.Policy/Pinned.Policy.csproj src/Pinned.Policy/
COPY src/Pinned.Registry/Pinned.Registry.csproj src/Pinned.Registry/
# _IsPublishing: restore what `dotnet publish` needs (src/Server.props sets self-contained, trimmed,
# ReadyToRun for publishing only): the runtime, trimmer and crossgen packs.
RUN dotnet restore src/Pinned/Pinned.csproj -a $TARGETARCH -p:_IsPublishing=true

COPY src/ src/
# Self-contained: /app holds the executable, the trimmed runtime and libraries; no .NET in the base.
RUN dotnet publish src/Pinned/Pinned.csproj -c Release -a $TARGETARCH --no-restore \
      -p:DebugType=none -o /app

# Chiseled Ubuntu: no shell, no package manager, no .NET (the app carries its own runtime), only
# the libraries .NET needs (libc, libstdc++, OpenSSL, CA certificates); non-root user 1654 built in.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@sha256:afd8faf9aca00ee69b44b33631665e654e2423e143b6362dffe52c006cd7c4e6 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Runtime settings for the pattern a cluster calls a webhook with (bench/apiserver/run.sh,
# PERFORMANCE.md): the API server sends one review per pod over ~16 keep-alive connections, so
# request threads go idle between reviews and waking them costs more than the review itself.
# The GC reads these only from the environment; bench/apiserver reads these ENV lines and
# bench/load/run.sh sets the same for both of its servers.
# A 2 MiB gen0 budget instead of the one the GC derives from the node's L3 cache (16 MiB on a
# 32 MiB-L3 EPYC): less peak memory for the same throughput (4 MiB took 8 MB off the saturation
# peak; 2 MiB with no PGO below, 73-77 MB against 81-90 MB under pod creation).
ENV DOTNET_GCgen0size=0x200000
# No spinning in the thread pool's semaphore before an idle worker parks: by default each one
# spins before it sleeps, which at this pattern was a large part of an admission's CPU.
ENV DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# No profile-guided tier: ReadyToRun code goes straight to tier 1 instead of through an
# instrumented copy. Less JIT work and code memory after start; at saturation PGO was worth ~5 %.
ENV DOTNET_TieredPGO=0
# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 1654
EXPOSE 8443
# The chart passes serve's options as args: --cert /tls/tls.crt --key /tls/tls.key
# --config /config/policy.yaml --port 8443.
ENTRYPOINT ["/app/pinned", "serve"]
