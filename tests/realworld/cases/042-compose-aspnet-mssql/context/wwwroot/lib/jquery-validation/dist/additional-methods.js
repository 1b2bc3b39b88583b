// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/lib/jquery-validation/dist/additional-methods.js (42023 bytes in the original; not its content)
