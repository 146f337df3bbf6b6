@echo off
rem Install samspil from this bundle into a private venv, without admin rights or network.
rem The venv is %USERPROFILE%\samspil-venv, or %SAMSPIL_HOME%; run samspil as <venv>\Scripts\samspil.exe.
setlocal
set "TARGET=%USERPROFILE%\samspil-venv"
if defined SAMSPIL_HOME set "TARGET=%SAMSPIL_HOME%"
set "PY=python"
where py >nul 2>nul && set "PY=py -3"
%PY% -m venv "%TARGET%" || exit /b 1
"%TARGET%\Scripts\python.exe" -m pip install --no-index --find-links "%~dp0wheels" --upgrade samspil || exit /b 1
echo samspil is installed: %TARGET%\Scripts\samspil.exe
