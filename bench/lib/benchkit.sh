# Sourced by bench/node-startup and bench/run: runs a main of benchkit/ (benchmark code, kept off bin/'s
# runtime classpath) on that runtime classpath (dist/target/lib) plus benchkit's classes, so a benchmark
# sees exactly the classes bin/ has, and nothing of its own leaks into bin/.
# bin/lib/aq.sh finds the project from $0's folder's parent: bench/ is beside bin/, so it finds the same one.
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/aq.sh"

# benchkit_run COMPONENT MAIN_CLASS [args...]: exec, with the project's logging set up as for a command.
#   AQ_DEFAULT_HEAP (set by the caller) unless AQ_HEAP_OPTS; AQ_JAVA_OPTS as for bin/.
benchkit_run() {
  local component="$1" main="$2"; shift 2
  # The build bin/ runs when a source changed (aq_build_if_needed: the whole project) builds benchkit/ too;
  # without benchkit's classes, force that build.
  [ -d "$AQ_HOME/benchkit/target/classes/io" ] || rm -f "$AQ_STAMP"
  aq_build_if_needed
  # shellcheck disable=SC2086 # the *_OPTS variables hold several options: split on purpose
  exec "$aq_java" ${AQ_HEAP_OPTS:-${AQ_DEFAULT_HEAP:--Xmx512m}} ${AQ_JAVA_OPTS:-} \
    -Daq.home="$AQ_HOME" -Daq.component="$component" -Daq.logs.dir="${AQ_LOGS_DIR:-$AQ_HOME/logs}" \
    -Daq.console.level="${AQ_CONSOLE_LEVEL:-OFF}" -Dlog4j2.configurationFile="$AQ_HOME/conf/log4j2.xml" \
    -cp "$AQ_LIB/*:$AQ_HOME/benchkit/target/classes" "$main" "$@"
}
