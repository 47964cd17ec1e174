# Sourced by .ci/run. `dotnet publish` of src/Pinned and bench/Pinned.Floor is Native AOT: the
# Dockerfile build-stage test and the load suite's smoke run publish them, and the ILCompiler links
# with clang, or gcc when there is no clang. Installs clang when neither is there.
if command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
  echo "native linker: $(command -v clang || command -v gcc)"
else
  apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null \
    || echo "clang could not be installed: Native AOT publishes (Dockerfile test, load smoke) will fail" >&2
fi
