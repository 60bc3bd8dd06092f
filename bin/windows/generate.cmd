@echo off
rem Writes realistic data in the UCI format. See --help.
call "%~dp0aq.cmd" generate %*
exit /b %ERRORLEVEL%
