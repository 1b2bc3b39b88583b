# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
ENV TOOLS C:\tools
RUN New-Item -ItemType Directory -Path $env:TOOLS ; `
    # a comment inside the continuation
    Write-Host done
COPY app\ C:\app\
WORKDIR C:\app
ENTRYPOINT ["C:\\app\\run.exe"]
