// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/Pages/Index.cshtml.cs (181 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// 