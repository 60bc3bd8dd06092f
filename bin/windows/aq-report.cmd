@echo off
rem Writes an HTML report with charts about processed_data\. See --help.
call "%~dp0aq.cmd" aq-report %*
exit /b %ERRORLEVEL%
