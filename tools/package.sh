#!/usr/bin/env bash
# Builds the Debian packages build/kiosk_<version>_amd64.deb (what a hall installs) and
# build/kiosk-demo_<version>_amd64.deb (simulators, demo content and keys, the demo launcher)
# with dpkg-deb from the binaries of build/ (tools/dev package builds them first), then runs
# lintian on both. Why dpkg-deb and not
# CPack: docs/packaging.md.
#   tools/package.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=$(realpath "${1:-$root/build}")
version=$(sed -n 's/^project(kiosk VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
arch=$(dpkg --print-architecture)
deb="$build/kiosk_${version}_${arch}.deb"
stage="$build/package/kiosk"
rm -rf "$build/package"
mkdir -p "$stage/DEBIAN"

for b in kiosk kioskctl; do
  [ -x "$build/bin/$b" ] || { echo "package: $build/bin/$b missing (run tools/dev build)" >&2; exit 1; }
done

inst() {  # inst MODE SRC DEST
  install -D -m "$1" "$2" "$stage$3"
}
# Programs, without debugging symbols (the build keeps them).
inst 0755 "$build/bin/kiosk" /usr/bin/kiosk
inst 0755 "$build/bin/kioskctl" /usr/bin/kioskctl
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/kiosk" "$stage/usr/bin/kioskctl"
# Program modules (kiosk_pdf.so: poppler; kiosk_cups.so: the CUPS printer, libcups), opened by the kiosk at run time from ../lib/kiosk
# beside its binary (base/dynlib.h, issue 18): the kiosk refuses to preview forms without them.
modules=()
for m in "$build"/lib/kiosk/*.so; do
  [ -e "$m" ] || { echo "package: no program modules in $build/lib/kiosk (run tools/dev build)" >&2; exit 1; }
  inst 0644 "$m" "/usr/lib/kiosk/$(basename "$m")"
  modules+=("$stage/usr/lib/kiosk/$(basename "$m")")
done
strip --strip-unneeded --remove-section=.comment --remove-section=.note "${modules[@]}"
# Assets a hall's kiosk reads: the string catalogs. Demo content, demo identities and the demo
# key pairs are not shipped (kiosk-demo, docs/packaging.md).
for f in assets/strings/*.json; do inst 0644 "$f" "/usr/share/kiosk/assets/strings/$(basename "$f")"; done
inst 0644 config/xorg-kiosk.conf /usr/share/kiosk/xorg-kiosk.conf
# Configuration: a conffile the kiosk refuses to run with until it is completed.
inst 0640 config/kiosk.toml /etc/kiosk/kiosk.toml
# systemd, udev, users, state directory, logind.
inst 0644 config/kiosk.service /lib/systemd/system/kiosk.service
inst 0644 config/kiosk-x11.service /lib/systemd/system/kiosk-x11.service
inst 0644 config/kiosk-xorg.service /lib/systemd/system/kiosk-xorg.service
inst 0644 config/99-kiosk-devices.rules /lib/udev/rules.d/99-kiosk-devices.rules
inst 0644 config/kiosk.sysusers /usr/lib/sysusers.d/kiosk.conf
inst 0644 config/kiosk.tmpfiles /usr/lib/tmpfiles.d/kiosk.conf
inst 0644 config/logind-kiosk.conf /usr/lib/systemd/logind.conf.d/kiosk.conf
# Documentation: copyright, changelog, manual pages.
inst 0644 config/debian/copyright /usr/share/doc/kiosk/copyright
mkdir -p "$stage/usr/share/doc/kiosk" "$stage/usr/share/man/man1" "$stage/usr/share/man/man8"
changelog() {  # changelog PACKAGE > file
  echo "$1 ($version) stable; urgency=medium"
  echo
  echo "  * Release $version: see the project's git history."
  echo
  echo " -- Kiosk developers <kiosk@example.invalid>  $(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")"
}
changelog kiosk | gzip -9n > "$stage/usr/share/doc/kiosk/changelog.gz"
gzip -9n < config/debian/kiosk.1 > "$stage/usr/share/man/man1/kiosk.1.gz"
gzip -9n < config/debian/kioskctl.8 > "$stage/usr/share/man/man8/kioskctl.8.gz"
chmod 0644 "$stage"/usr/share/doc/kiosk/* "$stage"/usr/share/man/man*/*

# Control files.
printf '/etc/kiosk/kiosk.toml\n' > "$stage/DEBIAN/conffiles"
for s in postinst prerm postrm; do install -m 0755 "config/debian/$s" "$stage/DEBIAN/$s"; done
# Library dependencies as dpkg-shlibdeps finds them, plus what the kiosk runs with.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' > "$tmp/debian/control"
control() {  # control TEMPLATE STAGE PROGRAMS... : DEBIAN/control with the programs' library dependencies
  local template=$1 dir=$2
  shift 2
  local shlibs size
  shlibs=$(cd "$tmp" && dpkg-shlibdeps -O "$@" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  size=$(du -sk --exclude=DEBIAN "$dir" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@SHLIBS@/$shlibs/" \
    "$template" > "$dir/DEBIAN/control"
}
control config/debian/control.in "$stage" "$stage/usr/bin/kiosk" "$stage/usr/bin/kioskctl" "${modules[@]}"

# --- kiosk-demo: everything that must never be on a hall's kiosk, for trying the product out:
# the simulators, the demo content bundle, the fictional identities and the demo key pairs
# (their private halves are public), and a launcher that runs the demo tour.
demo_deb="$build/kiosk-demo_${version}_${arch}.deb"
dstage="$build/package/kiosk-demo"
mkdir -p "$dstage/DEBIAN"
dinst() {  # dinst MODE SRC DEST
  install -D -m "$1" "$2" "$dstage$3"
}
sims=()
for b in platform-sim idcard-sim scanner-sim; do
  [ -x "$build/bin/$b" ] || { echo "package: $build/bin/$b missing (run tools/dev build)" >&2; exit 1; }
  dinst 0755 "$build/bin/$b" "/usr/lib/kiosk-demo/$b"
  sims+=("$dstage/usr/lib/kiosk-demo/$b")
done
strip --strip-unneeded --remove-section=.comment --remove-section=.note "${sims[@]}"
dinst 0755 tools/demo.sh /usr/lib/kiosk-demo/demo.sh
dinst 0755 config/debian/kiosk-demo /usr/bin/kiosk-demo
while IFS= read -r f; do
  dinst 0644 "$f" "/usr/share/kiosk-demo/$f"
done < <(find assets/demo assets/content -type f | sort)
dinst 0644 config/debian/copyright-demo /usr/share/doc/kiosk-demo/copyright
changelog kiosk-demo | gzip -9n > "$dstage/usr/share/doc/kiosk-demo/changelog.gz"
mkdir -p "$dstage/usr/share/man/man1"
gzip -9n < config/debian/kiosk-demo.1 > "$dstage/usr/share/man/man1/kiosk-demo.1.gz"
chmod 0644 "$dstage"/usr/share/doc/kiosk-demo/* "$dstage"/usr/share/man/man1/*
control config/debian/control-demo.in "$dstage" "${sims[@]}"

lint() {  # lint DEB REPORT
  command -v lintian >/dev/null || return 0
  # No errors allowed; the accepted warnings are listed, with reasons, in docs/packaging.md.
  lintian --tag-display-limit 0 "$1" | tee "$2"
  if grep -q '^E:' "$2"; then echo "package: lintian reports errors in $1" >&2; exit 1; fi
}
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "package: $deb"
lint "$deb" "$build/lintian.txt"
dpkg-deb --root-owner-group -Zxz --build "$dstage" "$demo_deb" >/dev/null
echo "package: $demo_deb"
lint "$demo_deb" "$build/lintian-demo.txt"
