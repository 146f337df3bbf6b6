# Install samspil from this bundle into a private venv, without admin rights or network.
# The venv is %USERPROFILE%\samspil-venv, or $env:SAMSPIL_HOME; run samspil as <venv>\Scripts\samspil.exe.
# If scripts are not allowed to run here, use install.cmd instead.
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$target = if ($env:SAMSPIL_HOME) { $env:SAMSPIL_HOME } else { Join-Path $env:USERPROFILE "samspil-venv" }
if (Get-Command py -ErrorAction SilentlyContinue) { py -3 -m venv $target } else { python -m venv $target }
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& (Join-Path $target "Scripts\python.exe") -m pip install --no-index --find-links (Join-Path $here "wheels") --upgrade samspil
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Write-Host "samspil is installed: $(Join-Path $target 'Scripts\samspil.exe')"
