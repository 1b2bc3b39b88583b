// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/Operation.cs (76 bytes in the original; not its content)
