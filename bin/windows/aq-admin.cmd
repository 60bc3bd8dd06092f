@echo off
rem health, topics, lag, tail, dlq, summary. See aq-admin.cmd --help.
call "%~dp0aq.cmd" aq-admin %*
exit /b %ERRORLEVEL%
