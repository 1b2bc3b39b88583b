// layerlab realworld stub of dotnet/dotnet-docker:samples/aspnetapp/aspnetapp/Pages/Privacy.cshtml.cs (186 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stu