// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/wwwroot/lib/jquery/dist/jquery.slim.js (232015 bytes in the original; not its content)
