// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/bootstrap/dist/js/bootstrap.js (145401 bytes in the original; not its content)
