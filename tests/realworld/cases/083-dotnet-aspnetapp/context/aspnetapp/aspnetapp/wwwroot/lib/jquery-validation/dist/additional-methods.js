// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/jquery-validation/dist/additional-methods.js (53033 bytes in the original; not its content)
