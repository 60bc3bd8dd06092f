@echo off
rem Shared by bin\windows\*.cmd: builds the project on first use (Maven, else the Maven Wrapper), then runs
rem   java @conf\jvm\COMMAND.options %AQ_HEAP_OPTS% %AQ_JAVA_OPTS% -jar dist\target\aq-stream.jar COMMAND [options]
rem After changing the sources or a git pull, rebuild with: mvnw.cmd -q -Dmaven.test.skip=true package
setlocal
set "AQ_HOME=%~dp0..\.."
set "AQ_JAR=%AQ_HOME%\dist\target\aq-stream.jar"
if not exist "%AQ_JAR%" (
  if not exist "%AQ_HOME%\logs" mkdir "%AQ_HOME%\logs"
  echo aq-stream: building ^(first run; takes a few minutes; log: logs\build.log^)... 1>&2
  pushd "%AQ_HOME%"
  call mvnw.cmd -B -q -Dstyle.color=never -Dmaven.test.skip=true package > logs\build.log 2>&1
  popd
  if not exist "%AQ_JAR%" (
    echo error: the build failed; the full output is in logs\build.log. 1>&2
    exit /b 1
  )
)
java "@%AQ_HOME%\conf\jvm\%1.options" %AQ_HEAP_OPTS% %AQ_JAVA_OPTS% -jar "%AQ_JAR%" %*
exit /b %ERRORLEVEL%
