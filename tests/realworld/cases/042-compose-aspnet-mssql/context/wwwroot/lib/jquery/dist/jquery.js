// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/lib/jquery/dist/jquery.js (271751 bytes in the original; not its content)
