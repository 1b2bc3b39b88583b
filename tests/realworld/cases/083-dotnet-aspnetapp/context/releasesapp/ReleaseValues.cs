// layerlab realworld stub of dotnet/dotnet-docker:samples/releasesapp/ReleaseValues.cs (223 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
//