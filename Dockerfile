# syntax=docker/dockerfile:1
# The `pinned` executable, compiled ahead of time (Native AOT), in a chiseled (distroless) image
# that holds only what a native .NET program needs, run as a non-root user.
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/pinned:TAG --push .
# then set the chart's image.digest to the digest the push printed: Pinned passes its own
# policy only when its image is pinned by digest.
#
# Both base images are pinned by digest (multi-arch index digests); refresh them with
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/sdk:10.0
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
# (the runtime-deps digest comes from a public multi-arch Dockerfile: no registry was reachable
# from the machine this was written on; a wrong one fails the build at once).

# Native AOT links with the target's toolchain, so each platform builds on its own SDK image
# (buildx emulates the other architecture) rather than cross-compiling from $BUILDPLATFORM.
FROM mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5 AS build
ARG TARGETARCH
# The Native AOT prerequisites (the SDK image has neither the linker driver nor zlib's headers).
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev \
      && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore layer: only what restore reads, so it is rebuilt only when dependencies change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Pinned/Pinned.csproj src/Pinned/
COPY src/Pinned.Policy/Pinned.Policy.csproj src/Pinned.Policy/
COPY src/Pinned.Registry/Pinned.Registry.csproj src/Pinned.Registry/
RUN dotnet restore src/Pinned/Pinned.csproj -a $TARGETARCH

COPY src/ src/
# PublishAot is set in Pinned.csproj: /app/pinned is one native executable; nothing else is kept.
RUN dotnet publish src/Pinned/Pinned.csproj -c Release -a $TARGETARCH --no-restore \
      -p:DebugType=none -p:StripSymbols=true -o /app

# Chiseled Ubuntu: no shell, no package manager, no .NET runtime (the executable carries its
# own), only libc, OpenSSL and CA certificates; non-root "app" user (uid 1654) is built in.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@sha256:afd8faf9aca00ee69b44b33631665e654e2423e143b6362dffe52c006cd7c4e6 AS runtime
WORKDIR /app
COPY --from=build /app/pinned ./
# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 1654
EXPOSE 8443
# The chart passes serve's options as args: --cert /tls/tls.crt --key /tls/tls.key
# --config /config/policy.yaml --port 8443.
ENTRYPOINT ["/app/pinned", "serve"]
