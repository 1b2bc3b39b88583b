// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/lib/bootstrap/dist/js/bootstrap.js (69707 bytes in the original; not its content)
