@echo off
rem Starts the Kafka KRaft node from conf\server.properties (--daemon: in the background). See --help.
call "%~dp0aq.cmd" start-kraft %*
exit /b %ERRORLEVEL%
