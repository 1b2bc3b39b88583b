// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/jquery-validation/dist/jquery.validate.js (52536 bytes in the original; not its content)
