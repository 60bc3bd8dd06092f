@echo off
rem Writes the committed rows as Parquet into processed_data\, exactly once. See --help.
call "%~dp0aq.cmd" consume %*
exit /b %ERRORLEVEL%
