# Sourced by bench/node-startup and bench/run: runs a main of benchkit/ (benchmark code, kept off bin/'s
# runtime classpath) on that runtime classpath (dist/target/lib) plus benchkit's classes, so a benchmark
# sees exactly the classes bin/ has, and nothing of its own leaks into bin/.
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/aq.sh"

# benchkit_run COMPONENT MAIN_CLASS [args...]: as aq_run (exec, same options and environment).
benchkit_run() {
  # The build bin/ runs when a source changed (aq_build_if_needed: the whole project) builds benchkit/ too;
  # without benchkit's classes, force that build.
  [ -d "$AQ_HOME/benchkit/target/classes/io" ] || rm -f "$AQ_STAMP"
  aq_build_if_needed
  AQ_CLASSPATH="$AQ_LIB/*:$AQ_HOME/benchkit/target/classes" aq_run "$@"
}
