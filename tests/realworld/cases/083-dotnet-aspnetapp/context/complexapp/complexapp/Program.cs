// layerlab realworld stub of dotnet/dotnet-docker:samples/complexapp/complexapp/Program.cs (268 bytes in the original; not its content)
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
// stub
// stub
// stub
// stub
// stub
// 