# Shared by every bin/ script: find the project, check Java, build when needed, run a Java main.
# Sourced, not executed. Why a shell layer at all: a fresh clone has no build output, and students
# should not have to know about Maven to type bin/start-kraft.

AQ_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AQ_LIB="$AQ_HOME/dist/target/lib"
AQ_STAMP="$AQ_HOME/dist/target/.aq-build-stamp"

aq_die() { # exit-code message...
  local code="$1"; shift
  printf 'error: %s\n' "$*" >&2
  exit "$code"
}

aq_java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    aq_die 5 "no 'java' found. Install a JDK 17 or newer (e.g. 'sudo apt-get install openjdk-17-jdk') or set JAVA_HOME."
  fi
}

aq_check_java() {
  local java version major
  java="$(aq_java_bin)"
  version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${version%%.*}"
  if [ -z "$major" ] || [ "$major" = "1" ] || [ "$major" -lt 17 ]; then
    aq_die 5 "Java ${version:-unknown} found at $java, but aq-stream needs Java 17 or newer. Install a JDK 17 and set JAVA_HOME to it."
  fi
}

# True when any source or build file is newer than the last successful build.
aq_build_is_stale() {
  [ -f "$AQ_STAMP" ] || return 0
  [ -d "$AQ_LIB" ] || return 0
  local newer
  newer="$(find "$AQ_HOME/pom.xml" "$AQ_HOME"/*/pom.xml "$AQ_HOME"/*/src/main \
             -newer "$AQ_STAMP" -type f -print -quit 2>/dev/null)"
  [ -n "$newer" ]
}

# Builds the runtime classpath (dist/target/lib) on first use or after a source change. A lock keeps
# three terminals started at once from building over each other.
aq_build_if_needed() {
  aq_check_java
  # AQ_CLASSPATH: the caller brings its own classpath (tests of the scripts), so nothing is built; a build
  # here would rewrite the jars under the caller's feet.
  if [ -n "${AQ_CLASSPATH:-}" ] || [ "${AQ_SKIP_BUILD:-}" = "1" ] || ! aq_build_is_stale; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || aq_die 5 "the project is not built yet and 'mvn' is not installed. Install Maven 3.6.3+ (e.g. 'sudo apt-get install maven')."
  mkdir -p "$AQ_HOME/dist/target"
  (
    if command -v flock >/dev/null 2>&1; then
      exec 9>"$AQ_HOME/dist/target/.aq-build-lock"
      flock 9
    fi
    aq_build_is_stale || exit 0
    echo "aq-stream: building (first run or sources changed; takes about a minute the first time)..." >&2
    mkdir -p "$AQ_HOME/logs"
    rm -rf "$AQ_LIB"
    if ! (cd "$AQ_HOME" && mvn -B -q -Dmaven.test.skip=true package) >"$AQ_HOME/logs/build.log" 2>&1; then
      tail -n 40 "$AQ_HOME/logs/build.log" >&2
      aq_die 1 "the build failed; the full output is in logs/build.log."
    fi
    touch "$AQ_STAMP"
  ) || exit $?
}

# aq_run COMPONENT MAIN_CLASS [args...]: runs a Java main on the project's classpath, in this process
# (exec), so signals such as Ctrl-C reach the JVM directly.
#   AQ_HEAP_OPTS  heap for this JVM (default: the component's own, small enough for an 8 GB laptop)
#   AQ_JAVA_OPTS  any other JVM options
#   AQ_CLASSPATH  run on this classpath instead of dist/target/lib, without building (tests of bin/ scripts
#                 pass their own test classpath)
aq_run() {
  local component="$1" main="$2"; shift 2
  aq_build_if_needed
  mkdir -p "$AQ_HOME/logs"
  local java; java="$(aq_java_bin)"
  # -v / --verbose (every command accepts it, see VerboseOption): the log on the console too. Decided
  # here because Log4j reads its configuration when the JVM starts.
  local console_level="${AQ_CONSOLE_LEVEL:-OFF}" arg
  for arg in "$@"; do
    case "$arg" in -v|--verbose) console_level=INFO ;; esac
  done
  # shellcheck disable=SC2086
  exec "$java" ${AQ_HEAP_OPTS:-${AQ_DEFAULT_HEAP:--Xmx512m}} ${AQ_JAVA_OPTS:-} \
    -Daq.home="$AQ_HOME" \
    -Daq.component="$component" \
    -Daq.logs.dir="${AQ_LOGS_DIR:-$AQ_HOME/logs}" \
    -Daq.console.level="$console_level" \
    -Dlog4j2.configurationFile="$AQ_HOME/conf/log4j2.xml" \
    -cp "${AQ_CLASSPATH:-$AQ_LIB/*}" "$main" "$@"
}
