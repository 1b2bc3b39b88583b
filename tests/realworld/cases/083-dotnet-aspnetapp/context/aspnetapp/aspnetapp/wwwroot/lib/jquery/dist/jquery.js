// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/jquery/dist/jquery.js (285314 bytes in the original; not its content)
