// layerlab realworld stub of dotnet/dotnet-docker:samples/complexapp/libfoo/Foo.cs (146 bytes in the original; not its content)
// stub
// stub
/