@echo off
rem Stops the node, deletes its data and the Parquet folders of processed_data\. See --help.
call "%~dp0aq.cmd" start-over %*
exit /b %ERRORLEVEL%
