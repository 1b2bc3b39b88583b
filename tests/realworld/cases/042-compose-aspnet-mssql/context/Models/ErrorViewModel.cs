// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/Models/ErrorViewModel.cs (207 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
/