# layerlab realworld stub of docker/awesome-compose:spring-postgres/backend/src/main/resources/data.sql (47 bytes in the original; not its content)
