@echo off
rem Deletes the node's data (topics, offsets) after asking. See --help.
call "%~dp0aq.cmd" reset-kraft %*
exit /b %ERRORLEVEL%
