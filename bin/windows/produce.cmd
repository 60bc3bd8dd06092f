@echo off
rem Replays a CSV into Kafka, exactly once: produce.cmd data\AirQualityUCI.csv [--speed max or N]. See --help.
call "%~dp0aq.cmd" produce %*
exit /b %ERRORLEVEL%
