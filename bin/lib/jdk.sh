# Finds a JDK 21 or newer and prints its home. Sourced by bin/suite, which exports it as JAVA_HOME for ./mvnw.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders. The newest LTS-or-later wins among folders.

jdk_major() { # prints the major version of the JDK at $1, or nothing
  local out
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  out=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  [ -n "$out" ] && printf '%s\n' "${out#1.}"
}

find_jdk() {
  local min=21 candidates=() dir major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    major=$(jdk_major "$dir") || continue
    [ "$major" -ge "$min" ] 2>/dev/null || continue
    # JAVA_HOME or PATH, when good enough, are the user's choice: take them as they are.
    if [ "$dir" = "${candidates[0]}" ]; then best=$dir; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    {
      echo "error: no JDK $min or newer was found."
      echo "  looked at: \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks"
      echo "  install one (for example Debian's openjdk-21-jdk-headless or a Temurin 21/25 build) or set JAVA_HOME to it."
    } >&2
    return 1
  fi
  printf '%s\n' "$(cd "$best" && pwd -P)"
}
