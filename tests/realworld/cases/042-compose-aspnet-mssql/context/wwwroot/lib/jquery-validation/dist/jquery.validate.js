// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/lib/jquery-validation/dist/jquery.validate.js (48676 bytes in the original; not its content)
