#!/usr/bin/env bash
# Installs the Debian 12 packages halfhour needs, only those missing. Idempotent; needs root
# (or sudo) the first time only.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache clang-format pkg-config
  clang libclang-rt-14-dev  # clang's runtimes, libFuzzer's among them (-fsanitize=fuzzer)
  libboost-graph-dev libtbb-dev libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev liblzma-dev
  libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev libsqlite3-dev libcereal-dev
  libsfml-dev fonts-dejavu-core libgl1-mesa-dri xvfb xauth ffmpeg
  libopenmpi-dev openmpi-bin
  mosquitto mosquitto-clients libmosquitto-dev  # the live twin's MQTT broker and client (sim/twin)
  gdal-bin  # ogrinfo: the tests open the GeoJSON maps as GIS tools do
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
