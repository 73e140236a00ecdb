# Build the program folder dist\aktstykke\ on a Windows machine (ministry IT):
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# Needs Python 3.11 (the py launcher) for the build only; the folder it makes
# runs without Python. The same spec and lock as scripts/bundle on Linux.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .tools\uv\Scripts\uv.exe)) {
    py -3.11 -m venv .tools\uv
    .tools\uv\Scripts\python -m pip install --disable-pip-version-check --require-hashes -r scripts\uv-requirements.txt
}
$env:UV_PROJECT_ENVIRONMENT = ".venv-bundle"
$env:UV_PYTHON_DOWNLOADS = "never"
.tools\uv\Scripts\uv sync --locked --no-editable --extra bundle --python 3.11
if ($LASTEXITCODE -ne 0) { throw "uv sync fejlede" }
if (Test-Path dist\aktstykke) { Remove-Item -Recurse -Force dist\aktstykke }
.venv-bundle\Scripts\pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\aktstykke.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller fejlede" }

# Smoke test: no Python on PATH for these calls.
$env:PATH = "$env:SystemRoot\system32;$env:SystemRoot"
$exe = "dist\aktstykke\aktstykke.exe"
& $exe --version
if ($LASTEXITCODE -ne 0) { throw "--version fejlede" }
$work = Join-Path $env:TEMP "aktstykke smoke æøå"
New-Item -ItemType Directory -Force $work | Out-Null
Copy-Item resources\examples\capacity-2024.aktstykke (Join-Path $work "eksempel.aktstykke")
& $exe export (Join-Path $work "eksempel.aktstykke") -o (Join-Path $work "eksempel.docx")
if ($LASTEXITCODE -ne 0) { throw "export fejlede" }
$env:QT_QPA_PLATFORM = "offscreen"
$editor = Start-Process -FilePath $exe -ArgumentList "`"$(Join-Path $work 'eksempel.aktstykke')`"" -PassThru
Start-Sleep -Seconds 10
if ($editor.HasExited) { throw "editoren stoppede (afslutningskode $($editor.ExitCode))" }
Stop-Process -Id $editor.Id
Write-Host "dist\aktstykke er bygget og prøvet: $((Get-ChildItem -Recurse dist\aktstykke | Measure-Object -Sum Length).Sum / 1MB) MB"
