@echo off
rem The whole pipeline: node, replay of data\AirQualityUCI.csv, Parquet, summary. See --help.
call "%~dp0aq.cmd" pipeline %*
exit /b %ERRORLEVEL%
