# Shared by every bin/ script: find the project, check Java, build when needed, run a command.
# Sourced, not executed; POSIX sh (dash, macOS's bash 3.2, busybox), no GNU-only options. Why a shell layer
# at all: a fresh clone has no build output, and students should not have to know about Maven to type
# bin/start-kraft. Everything else (checks, the pipeline's steps, messages) is in Java, the same on every
# platform, and bin\windows\*.cmd do the same with java -jar.

# The scripts live in bin/; the caller passes its own path ($0).
AQ_HOME="$(cd "$(dirname "$0")/.." && pwd -P)"
AQ_LIB="$AQ_HOME/dist/target/lib"
AQ_STAMP="$AQ_HOME/dist/target/.aq-build-stamp"
AQ_JAVA_OK="$AQ_HOME/dist/target/.aq-java-ok"

aq_die() { # exit-code message...
  aq_code="$1"; shift
  printf 'error: %s\n' "$*" >&2
  exit "$aq_code"
}

aq_java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    aq_die 5 "no 'java' found. Install a JDK 17 or newer (Linux: 'sudo apt-get install openjdk-17-jdk'; macOS: 'brew install openjdk@17'; or https://adoptium.net) or set JAVA_HOME."
  fi
}

# Checks that the java found is 17 or newer, before anything else runs: an older one would fail on the options
# file or the class files with a message that names neither. Asking a JVM costs a JVM start (about 130 ms, a sixth
# of a short command), so a binary that passed is remembered in $AQ_JAVA_OK: its path and its `ls -lL` line (size
# and time of the file behind any symlink, so update-alternatives or a JDK upgrade counts as another binary).
# The launcher's entry point, io.aqstream.launcher.JavaVersionCheck, says the same for bin\windows\*.cmd and
# java -jar (keep the two messages in step).
aq_check_java() {
  aq_java="$(aq_java_bin)" || exit $?
  aq_java_id="$aq_java $(ls -lL "$aq_java" 2>/dev/null)"
  aq_java_ok=""
  [ -f "$AQ_JAVA_OK" ] && IFS= read -r aq_java_ok < "$AQ_JAVA_OK"
  [ "$aq_java_ok" = "$aq_java_id" ] && return 0
  aq_version="$("$aq_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  aq_major="${aq_version%%.*}"
  if [ -z "$aq_major" ] || [ "$aq_major" = "1" ] || [ "$aq_major" -lt 17 ]; then
    aq_die 5 "Java ${aq_version:-unknown} found at $aq_java, but aq-stream needs Java 17 or newer. Install a JDK 17 and set JAVA_HOME to it."
  fi
  # Written aside and renamed: scripts started at once never read half a line (a mismatch only checks again).
  if mkdir -p "${AQ_JAVA_OK%/*}" 2>/dev/null && printf '%s\n' "$aq_java_id" > "$AQ_JAVA_OK.$$" 2>/dev/null; then
    mv -f "$AQ_JAVA_OK.$$" "$AQ_JAVA_OK" 2>/dev/null || rm -f "$AQ_JAVA_OK.$$" 2>/dev/null
  fi
  return 0
}

# True when any source or build file is newer than the last successful build.
aq_build_is_stale() {
  [ -f "$AQ_STAMP" ] || return 0
  [ -d "$AQ_LIB" ] || return 0
  [ -n "$(find "$AQ_HOME/pom.xml" "$AQ_HOME"/*/pom.xml "$AQ_HOME"/*/src/main \
            -newer "$AQ_STAMP" -type f 2>/dev/null | head -n 1)" ]
}

# Maven if installed, else the Maven Wrapper (it downloads the Maven version the project pins, once).
aq_maven() {
  if command -v mvn >/dev/null 2>&1; then
    mvn "$@"
  else
    sh "$AQ_HOME/mvnw" "$@"
  fi
}

# Builds the runtime classpath (dist/target/lib) on first use or after a source change. A lock keeps
# three terminals started at once from building over each other: flock where it exists (Linux), else a
# lock folder (mkdir is atomic everywhere).
aq_build_if_needed() {
  aq_check_java
  # AQ_CLASSPATH: the caller brings its own classpath (tests of the scripts), so nothing is built; a build
  # here would rewrite the jars under the caller's feet.
  if [ -n "${AQ_CLASSPATH:-}" ] || [ "${AQ_SKIP_BUILD:-}" = "1" ] || ! aq_build_is_stale; then
    return 0
  fi
  mkdir -p "$AQ_HOME/dist/target" "$AQ_HOME/logs"
  (
    if command -v flock >/dev/null 2>&1; then
      exec 9>"$AQ_HOME/dist/target/.aq-build-lock"
      flock 9
    else
      aq_lock="$AQ_HOME/dist/target/.aq-build-lock.d"
      aq_waited=0
      while ! mkdir "$aq_lock" 2>/dev/null; do
        # A build takes minutes at most; a lock older than that was left by a killed build.
        [ "$aq_waited" -ge 600 ] && rm -rf "$aq_lock" && continue
        sleep 2; aq_waited=$((aq_waited + 2))
      done
      trap 'rm -rf "$aq_lock"' EXIT
    fi
    aq_build_is_stale || exit 0
    echo "aq-stream: building (first run or sources changed; takes about a minute the first time; log: logs/build.log)..." >&2
    rm -rf "$AQ_LIB" "$AQ_HOME/dist/target/cds"
    # -B and style.color=never: a plain-text log, without the ANSI colour codes Maven writes otherwise.
    if ! (cd "$AQ_HOME" && aq_maven -B -q -Dstyle.color=never -Dmaven.test.skip=true package) >"$AQ_HOME/logs/build.log" 2>&1; then
      tail -n 40 "$AQ_HOME/logs/build.log" >&2
      aq_die 1 "the build failed; the full output is in logs/build.log."
    fi
    touch "$AQ_STAMP"
  ) || exit $?
}

# aq_cds_options COMMAND [args...]: the class-data sharing options of the command's JVM (AppCDS: classes
# mapped from dist/target/cds/COMMAND.jsa instead of loaded from the jars again; about half of a short
# command's start-up). The scheme is the launcher's ClassDataSharing (the pipeline's steps): keep the two in
# step. The first run writes the archive as its JVM exits (Java 17's -XX:ArchiveClassesAtExit), later runs
# map it; an archive older than a jar is written again, and one the JVM finds stale or broken is simply not
# used (-Xlog:cds=off keeps its warning off stdout). Not for --help/--version (their few classes would make a
# poor archive), not on AQ_CLASSPATH, not in a folder whose path has a space, and not with AQ_CDS=0.
aq_cds_options() {
  aq_cds_command="$1"; shift
  [ "${AQ_CDS:-1}" = "0" ] && return 0
  [ -n "${AQ_CLASSPATH:-}" ] && return 0
  case "$AQ_HOME" in *[[:space:]]*) return 0 ;; esac # the options are split on spaces below
  aq_cds_archive="$AQ_HOME/dist/target/cds/$aq_cds_command.jsa"
  if [ -f "$aq_cds_archive" ] && [ -z "$(find "$AQ_LIB" -name '*.jar' -newer "$aq_cds_archive" 2>/dev/null | head -n 1)" ]; then
    printf '%s\n' "-Xlog:cds=off,cds+dynamic=off -XX:SharedArchiveFile=$aq_cds_archive"
    return 0
  fi
  for aq_cds_arg in "$@"; do
    case "$aq_cds_arg" in -h|--help|-V|--version) return 0 ;; esac
  done
  mkdir -p "$AQ_HOME/dist/target/cds" 2>/dev/null && rm -f "$aq_cds_archive" 2>/dev/null || return 0
  printf '%s\n' "-Xlog:cds=off,cds+dynamic=off -XX:ArchiveClassesAtExit=$aq_cds_archive"
}

# aq_run COMMAND [args...]: runs an aq-stream command (the launcher's io.aqstream.launcher.JavaVersionCheck, then
# AqStream, as java -jar dist/target/aq-stream.jar does) in this process (exec), so signals such as Ctrl-C reach the JVM.
#   conf/jvm/COMMAND.options  the command's JVM options (its heap), shared with the .cmd files and pipeline
#   AQ_HEAP_OPTS, AQ_JAVA_OPTS  more JVM options; they come later, so they win
#   AQ_CLASSPATH  run on this classpath instead of dist/target/lib, without building (tests of the scripts)
#   AQ_CDS=0      no class-data archive (aq_cds_options)
aq_run() {
  aq_command="$1"; shift
  aq_build_if_needed
  aq_cds="$(aq_cds_options "$aq_command" "$@")"
  # shellcheck disable=SC2086 # the *_OPTS variables hold several options: split on purpose
  exec "$aq_java" "@$AQ_HOME/conf/jvm/$aq_command.options" $aq_cds ${AQ_HEAP_OPTS:-} ${AQ_JAVA_OPTS:-} \
    -Daq.home="$AQ_HOME" \
    -cp "${AQ_CLASSPATH:-$AQ_LIB/*}" io.aqstream.launcher.JavaVersionCheck "$aq_command" "$@"
}
