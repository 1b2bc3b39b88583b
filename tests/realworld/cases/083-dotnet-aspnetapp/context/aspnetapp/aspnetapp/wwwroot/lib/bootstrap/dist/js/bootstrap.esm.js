// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/bootstrap/dist/js/bootstrap.esm.js (135829 bytes in the original; not its content)
