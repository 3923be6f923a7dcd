@echo off
rem `chatkeep` from the installed desktop app on Windows: runs Chatkeep.exe as the command line,
rem headless (src\main\electron\headless-cli.ts). Add this folder to PATH to type `chatkeep`.
rem `--` ends Chromium's switches, so every argument after `cli` is the command line's alone.
rem Unlike an interactive prompt, a batch file waits for the app, so the exit code is the command's.
"%~dp0Chatkeep.exe" -- cli %*
exit /b %ERRORLEVEL%
