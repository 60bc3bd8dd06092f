@echo off
rem Stops the node started with start-kraft, cleanly. See --help.
call "%~dp0aq.cmd" stop-kraft %*
exit /b %ERRORLEVEL%
