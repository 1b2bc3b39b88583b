// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/js/site.js (226 bytes in the original; not its content)
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