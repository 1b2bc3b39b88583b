// layerlab realworld stub of docker/awesome-compose:aspnet-mssql/app/aspnetapp/wwwroot/lib/jquery-validation-unobtrusive/jquery.validate.unobtrusive.js (19318 bytes in the original; not its content)
