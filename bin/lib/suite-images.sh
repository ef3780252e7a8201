# shellcheck shell=bash
# bin/suite images: the OCI images of the four services and the portal, built by Jib without a Docker engine, on a
# base image made here from Debian's glibc and a jlink'd Java runtime (no registry is needed, none is contacted).
# Sourced by bin/suite after suite-common.sh. deploy/README.md, "Images", says what the images hold and how to release.

IMAGE_MODULES=(credentialing-service records-service coresponder-service grants-service portal)
IMAGES_DIR="$SUITE_ROOT/target/images"
BASE_IMAGE_TAR="$IMAGES_DIR/base-image.tar"
DEBIAN_LOCK="$SUITE_ROOT/deploy/images/debian-packages.lock"
DEBIAN_MIRROR="${SUITE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The Java modules of the runtime: Java SE and what Quarkus, Netty, Kafka's client and the JDBC driver use beyond it
# (Unsafe, the management and JFR beans that Micrometer reads, DNS, zip file systems, PKCS#11, extra charsets).
BASE_JAVA_MODULES=java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.zipfs,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.net,jdk.security.auth,jdk.security.jgss
# The user the images run as (and the Deployments' runAsUser / runAsGroup).
IMAGE_UID=185
# The time of every entry of every jar in the images (the earliest a zip file holds portably).
IMAGE_OUTPUT_TIMESTAMP=1980-01-01T00:00:02Z

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# A tar that is the same bytes for the same files: names sorted, owner root, times at the epoch, no extended headers.
# Entries are named without a leading ./ (Jib refuses one).
reproducible_tar() { # DIR OUT
  local entries=()
  mapfile -t entries < <(cd "$1" && LC_ALL=C ls -A | LC_ALL=C sort)
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$2" -- "${entries[@]}"
}

# The Debian packages of deploy/images/debian-packages.lock, downloaded once into .suite/downloads/debian/ and checked.
fetch_debian_packages() {
  local name version path sha file tmp
  mkdir -p "$SUITE_DOWNLOADS/debian"
  while read -r name version path sha; do
    case "$name" in '' | '#'*) continue ;; esac
    file="$SUITE_DOWNLOADS/debian/$(basename "$path")"
    if [ ! -f "$file" ] || [ "$(sha256_of "$file")" != "$sha" ]; then
      say "downloading $name $version from $DEBIAN_MIRROR" >&2
      tmp="$file.part"
      if ! curl -fsSL -o "$tmp" "$DEBIAN_MIRROR/$path"; then
        rm -f "$tmp"
        die "cannot download $DEBIAN_MIRROR/$path: Debian may have replaced $name $version; update deploy/images/debian-packages.lock (apt-cache show $name) and run again"
      fi
      [ "$(sha256_of "$tmp")" = "$sha" ] || { rm -f "$tmp"; die "$name $version: sha256 differs from deploy/images/debian-packages.lock"; }
      mv "$tmp" "$file"
    fi
    printf '%s %s %s\n' "$name" "$version" "$file"
  done <"$DEBIAN_LOCK"
}

# target/images/base-image.tar: a Docker-archive tarball (manifest.json, config, one gzipped layer) that Jib reads as
# its base (tar://). The layer is distroless in spirit: glibc's shared libraries (no shell, no package manager, no
# other tools), a Java runtime linked by jlink from the build's JDK, /etc/passwd and /etc/group with the user 185,
# /tmp, /deployments. Built twice from the same inputs it is the same bytes.
build_base_image() {
  local work="$IMAGES_DIR/base-work" rootfs packages name version file java_version history diff_id layer_digest config_digest
  command -v dpkg-deb >/dev/null 2>&1 || command -v ar >/dev/null 2>&1 ||
    die "unpacking Debian packages needs dpkg-deb (Debian, Ubuntu) or ar (binutils)"
  "$JAVA_HOME/bin/jlink" --version >/dev/null 2>&1 || die "$JAVA_HOME has no jlink: JAVA_HOME must be a JDK, not a JRE"
  packages=$(fetch_debian_packages) || exit 1
  rm -rf "$work"
  rootfs="$work/rootfs"
  mkdir -p "$rootfs"
  while read -r name version file; do
    if command -v dpkg-deb >/dev/null 2>&1; then
      dpkg-deb -x "$file" "$rootfs"
    else
      (cd "$work" && ar x "$file" && tar -xf data.tar.* -C "$rootfs" && rm -f data.tar.* control.tar.* debian-binary)
    fi
  done <<<"$packages"
  # only the shared libraries and the licences: no character-set converters (Java has its own), no documentation
  rm -rf "$rootfs/usr/lib/x86_64-linux-gnu/gconv" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale" \
    "$rootfs/usr/bin" "$rootfs/usr/sbin" "$rootfs/sbin" "$rootfs/bin" "$rootfs/etc/ld.so.conf.d"
  find "$rootfs/usr/share/doc" -type f ! -name copyright -delete 2>/dev/null || true

  java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
  mkdir -p "$rootfs/opt"
  "$JAVA_HOME/bin/jlink" --add-modules "$BASE_JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$rootfs/opt/java" >"$work/jlink.log" 2>&1 ||
    { cat "$work/jlink.log" >&2; die "jlink failed"; }
  # the default class-data archive of the runtime's own classes (deterministic on JDK 17+): a faster start
  "$rootfs/opt/java/bin/java" -Xshare:dump >>"$work/jlink.log" 2>&1 || { cat "$work/jlink.log" >&2; die "java -Xshare:dump failed"; }

  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/deployments"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:%s:%s:app:/deployments:/sbin/nologin\n' "$IMAGE_UID" "$IMAGE_UID" >"$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:%s:\n' "$IMAGE_UID" >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$rootfs/etc/hosts"
  # modes independent of the umask: directories 755, files as packaged but never writable by group or others
  find "$rootfs" -type d -exec chmod 0755 {} +
  find "$rootfs" -type f -exec chmod go-w {} +
  chmod 1777 "$rootfs/tmp"

  mkdir -p "$work/image"
  reproducible_tar "$rootfs" "$work/layer.tar"
  diff_id=$(sha256_of "$work/layer.tar")
  gzip -9 -n -c "$work/layer.tar" >"$work/image/layer.tar.gz"
  layer_digest=$(sha256_of "$work/image/layer.tar.gz")
  history="bin/suite images: $(tr '\n' ' ' <<<"$packages" | awk '{for (i = 1; i <= NF; i += 3) printf "%s%s %s", (i > 1 ? ", " : ""), $i, $(i + 1)}'), Java runtime $java_version (jlink)"
  cat >"$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"$IMAGE_UID:$IMAGE_UID","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"],"WorkingDir":"/deployments"},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"$history"}]}
EOF
  config_digest=$(sha256_of "$work/image/config.json")
  printf '[{"Config":"config.json","RepoTags":["safe-policing/base:java-%s"],"Layers":["layer.tar.gz"]}]\n' "$java_version" >"$work/image/manifest.json"
  reproducible_tar "$work/image" "$BASE_IMAGE_TAR"
  rm -f "$work/layer.tar"
  say "base image: $(du -h "$BASE_IMAGE_TAR" | cut -f1) (layer sha256:$layer_digest, config sha256:$config_digest): $history"
}

# Writes each built image's digest (<module>/target/jib-image.digest) into the production overlay's images: entry.
write_overlay_digests() {
  local overlay="$SUITE_ROOT/deploy/k8s/overlays/production/kustomization.yaml" module digest tmp
  for module in "${IMAGE_MODULES[@]}"; do
    digest=$(cat "$SUITE_ROOT/$module/target/jib-image.digest")
    [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || die "$module/target/jib-image.digest holds no digest"
    tmp="$overlay.tmp"
    awk -v name="safe-policing/$module" -v digest="$digest" '
      /^  - name: / { current = $3 }
      current == name && /^    digest: / { print "    digest: " digest; current = ""; done = 1; next }
      { print }
      END { if (!done) exit 3 }' "$overlay" >"$tmp" || { rm -f "$tmp"; die "no images: entry for safe-policing/$module in $overlay"; }
    mv "$tmp" "$overlay"
  done
}

suite_images() {
  use_jdk
  need_curl
  cd "$SUITE_ROOT"
  say "JDK: $JAVA_HOME"
  step "the base image (Debian's glibc + a jlink'd Java runtime)"
  mkdir -p "$IMAGES_DIR"
  build_base_image
  step "the five images (Jib, profile images: ./mvnw -B -Pimages -DskipTests package)"
  local modules
  modules=$(IFS=,; echo "${IMAGE_MODULES[*]}")
  # fixed entry times in every jar of the reactor (the platform's and the contracts' too), so the same sources give the
  # same image digests
  ./mvnw -B -q -Pimages -DskipTests -Dimages.base="$BASE_IMAGE_TAR" -Dproject.build.outputTimestamp="$IMAGE_OUTPUT_TIMESTAMP" \
    -Dquarkus.package.output-timestamp="$IMAGE_OUTPUT_TIMESTAMP" package -pl "$modules" -am "$@" ||
    die "the image build failed"
  write_overlay_digests
  step "built (image tarballs in <module>/target/jib-image.tar; digests written into deploy/k8s/overlays/production)"
  local module
  printf '%-24s %-8s %s\n' IMAGE SIZE DIGEST
  for module in "${IMAGE_MODULES[@]}"; do
    printf '%-24s %-8s %s\n' "safe-policing/$module" "$(du -h "$module/target/jib-image.tar" | cut -f1)" \
      "$(cat "$module/target/jib-image.digest")"
  done
}
