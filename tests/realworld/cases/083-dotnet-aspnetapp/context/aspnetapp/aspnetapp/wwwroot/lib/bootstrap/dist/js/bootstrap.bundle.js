// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/bootstrap/dist/js/bootstrap.bundle.js (207819 bytes in the original; not its content)
